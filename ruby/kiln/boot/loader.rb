# require / require_relative over the app bundle: every file was compiled to
# bytecode at build time, so "loading" runs a bundled file's top level once.
# Kiln's optional libraries (ruby/kiln/lib/: jwt, openssl, sequel,
# kiln/dataset...) are not in the runtime: `kiln build` bundles them as
# kiln/lib/NAME.rb only into apps with a literal `require 'NAME'`
# (js/cli/build/libraries.js), and they load like the app's own files.
module Kiln
  module Loader
    # The require names that load nothing: Kiln has the library built in,
    # or it is an honest no-op (the process, the server). The build checks
    # every literal require against the table in js/cli/build/requires.js,
    # whose 'builtin' and 'noop' rows without a ruby/kiln/lib/ file are
    # exactly these (tests/node/requires.test.mjs).
    BUILTIN = %w[sinatra sinatra/base sinatra/main sinatra/json kiln json json/ext json/pure digest digest/md5
                 digest/sha1 digest/sha2 base64 securerandom net/http net/https rack/test
                 tilt tilt/erb tilt/erubi tilt/erubis erubi erubis rubygems set dotenv dotenv/load puma thin
                 webrick rackup rake].freeze
    # Built in in part (OpenSSL::HMAC, Digest, PKCS5): without its bundled
    # library (PKey, Cipher) the require still loads the built-in part.
    PARTLY_BUILTIN = %w[openssl].freeze

    # Constants of the optional libraries => why they are missing, for the
    # NameError an app gets when it uses one without its require.
    LIBRARY_CONSTANTS = {
      'JWT' => "add require 'jwt' (Kiln bundles its JWT library only into apps that require it)",
      'Kiln::JWTAuth' => "add require 'jwt' (Kiln::JWTAuth comes with Kiln's JWT library)",
      'OpenSSL::PKey' => "add require 'openssl' (or 'openssl/pkey'): keys are bundled only into apps that require them",
      'OpenSSL::Cipher' => "add require 'openssl' (or 'openssl/cipher'): ciphers are bundled only into apps that require them",
      'Sequel' => "add require 'sequel' (Kiln's D1 datasets and Sequel expressions)",
      'Kiln::SQL' => "add require 'sequel' (or 'kiln/dataset')",
      'Kiln::Dataset' => "add require 'sequel' (or 'kiln/dataset')",
      'Kiln::Database' => "add require 'sequel' (or 'kiln/dataset')",
      'MessagePack' => "add require 'msgpack' (Kiln bundles its MessagePack library only into apps that require it)",
      'OpenStruct' => "add require 'ostruct'",
      'Forwardable' => "add require 'forwardable'",
      'Kiln::Migration' => 'migrations run under `kiln db migrate` (db/migrate/*.rb), never in the app',
      'Rack::Cors' => "add require 'rack/cors' (the rack-cors gem's middleware, bundled on require)",
    }.freeze

    @loaded = {}
    @stack = []

    class << self
      # The bundle path of the file whose top level is running (nil at request time).
      def current_file
        @stack.last
      end

      def load_main(path)
        load_file(path) or raise LoadError, "cannot load such file -- #{path}"
      end

      def require(name)
        path = name.end_with?('.rb') ? name : "#{name}.rb"
        path = normalize(path)
        # A bundled Kiln library extends what is built in (Rack's in full).
        return load_file("kiln/lib/#{path}") if BUILTIN.include?(name)
        return true if load_file(path) || load_file("lib/#{path}") || load_file("kiln/lib/#{path}")
        return false if PARTLY_BUILTIN.include?(name)
        raise LoadError, "cannot load such file -- #{name} (`kiln build` bundles the app's .rb files and " \
                         "Kiln's libraries named in a literal require 'NAME' line)"
      end

      def require_relative(name)
        base = @stack.last or raise LoadError, "require_relative #{name.inspect} outside a file being loaded"
        dir = base.include?('/') ? base[0, base.rindex('/')] : ''
        path = name.end_with?('.rb') ? name : "#{name}.rb"
        path = normalize(dir.empty? ? path : "#{dir}/#{path}")
        load_file(path) || raise(LoadError, "cannot load such file -- #{path} (from #{base})")
      end

      # Rack's autoload: Rack::Auth::Basic, Rack::ETag, Rack::Session::Cookie...
      # live in kiln/lib/rack/auth/basic.rb, rack/etag.rb,
      # rack/session/cookie.rb, which `kiln build` bundles when the app names
      # them (js/cli/build/libraries.js autoloadNames: the same rule, a
      # constant's path downcased, with or without underscores). Loads it
      # and returns true when the file is bundled.
      def autoload(constant)
        return false unless constant.start_with?('Rack::')
        # Its own file, else its module's (Rack::Utils::HTTP_STATUS_CODES is in rack/utils.rb).
        [constant, constant[0, constant.rindex('::')]].any? do |name|
          [name.downcase, name.gsub(/([a-z\d])([A-Z])/, '\\1_\\2').downcase].any? { |path| load_file("kiln/lib/#{path.gsub('::', '/')}.rb") }
        end
      end

      # "a/./b/../c" -> "a/c": bundle paths are relative and normalized.
      def normalize(path)
        parts = []
        path.to_s.split('/').each do |part|
          next if part.empty? || part == '.'
          part == '..' ? parts.pop : parts.push(part)
        end
        parts.join('/')
      end

      private

      # Returns false for an unknown path, true once the file has run.
      def load_file(path)
        return true if @loaded[path]
        return false unless Kiln.__bundled?(path)
        @stack.push(path)
        @loaded[path] = true
        begin
          Kiln.__run_bytecode(path)
          true
        rescue Exception => e
          @loaded.delete(path)
          raise e  # mruby has no bare re-raise
        ensure
          @stack.pop
        end
      end
    end
  end
end

# Kernel#require and Module#const_missing are this loader's entry points,
# so they live here rather than in boot/core_ext/ (LoadError does live there).
module Kernel
  def require(name)
    Kiln::Loader.require(name)
  end

  def require_relative(name)
    Kiln::Loader.require_relative(name)
  end
end

class Module
  alias __kiln_const_missing const_missing

  # JWT, OpenSSL::PKey, Sequel... used without their require: say which
  # require bundles them instead of a bare "uninitialized constant".
  def const_missing(name)
    # Kiln's DSL defines Rack::Utils as Kiln::Utils (the rest of it is kiln/lib/rack/utils.rb).
    full = equal?(Object) ? name.to_s : "#{equal?(Kiln::Utils) ? 'Rack::Utils' : self}::#{name}"
    return const_get(name) if Kiln::Loader.autoload(full) && const_defined?(name)
    hints = Kiln::Loader::LIBRARY_CONSTANTS
    # A bare JWT inside a class body or route block misses in that class first.
    full = [("#{self}::#{name}" unless equal?(Object)), name.to_s].compact.find { |n| hints[n] }
    full ? raise(NameError, "uninitialized constant #{full}: #{hints[full]}") : __kiln_const_missing(name)
  end
end
