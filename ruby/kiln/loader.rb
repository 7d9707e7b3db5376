# require / require_relative over the app bundle: every file was compiled to
# bytecode at build time, so "loading" runs a bundled file's top level once.
# mruby 3.1 has no LoadError (it comes with require, which mruby lacks).
class LoadError < ScriptError; end unless Object.const_defined?(:LoadError)

module Kiln
  module Loader
    # Libraries whose API Kiln provides built in, so unchanged files load.
    BUILTIN = %w[sinatra sinatra/base json json/ext kiln digest digest/md5 digest/sha1 digest/sha2
                   openssl base64 securerandom sequel jwt].freeze

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
        return false if BUILTIN.include?(name)
        path = name.end_with?('.rb') ? name : "#{name}.rb"
        load_file(normalize(path)) || load_file(normalize("lib/#{path}")) ||
          raise(LoadError, "cannot load such file -- #{name}")
      end

      def require_relative(name)
        base = @stack.last or raise LoadError, "require_relative #{name.inspect} outside a file being loaded"
        dir = base.include?('/') ? base[0, base.rindex('/')] : ''
        path = name.end_with?('.rb') ? name : "#{name}.rb"
        path = normalize(dir.empty? ? path : "#{dir}/#{path}")
        load_file(path) || raise(LoadError, "cannot load such file -- #{path} (from #{base})")
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

module Kernel
  def require(name)
    Kiln::Loader.require(name)
  end

  def require_relative(name)
    Kiln::Loader.require_relative(name)
  end
end
