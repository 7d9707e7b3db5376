# File, Dir and __dir__ over the files `kiln build` bundled: a read-only
# view (bundled when a source names File or Dir, or calls __dir__:
# js/cli/build/libraries.js IMPLIED). mruby has no filesystem, and a
# Worker none it could read, so the build writes the view into the bundle
# as kiln/files.rb (js/cli/build/build.js `fileView`):
#   - the app's text data files (JSON, YAML, CSV, Markdown, HTML, text,
#     SVG, CSS, SQL... under the app directory, outside build/, public/,
#     test/, node_modules/ and dot-directories; valid UTF-8; up to
#     256 KiB each, 1 MiB in all), with their contents: File.read works;
#   - the app's Ruby files and templates, by name only (compiled to
#     bytecode, their source is not bundled): File.exist? and Dir.glob see
#     them, File.read raises saying so.
# The view is rooted at File::BUNDLE_ROOT ("/bundle"), the directory of
# the app's main file (Dir.pwd); relative paths resolve from there.
# Writing (File.write, File.open(path, 'w'), Dir.mkdir...) raises
# Kiln::ReadOnlyFileSystem naming the limit.
class SystemCallError < StandardError; end unless Object.const_defined?(:SystemCallError)
class IOError < StandardError; end unless Object.const_defined?(:IOError)

module Errno
  class ENOENT < SystemCallError
    def initialize(path = nil) super(path ? "No such file or directory @ rb_sysopen - #{path}" : 'No such file or directory') end
  end

  class EISDIR < SystemCallError
    def initialize(path = nil) super("Is a directory @ io_fread - #{path}") end
  end

  class EROFS < SystemCallError; end
end

module Kiln
  # Raised by every write: a Worker has no writable filesystem.
  class ReadOnlyFileSystem < Errno::EROFS
    def initialize(what)
      super("#{what}: a Worker has no writable filesystem (Kiln's File is a read-only view of the files the " \
            'build bundled): keep data in KV, R2 or D1 (bindings.NAME)')
    end
  end

  module FileView
    ROOT = '/bundle'

    extend self

    def table
      @table ||= begin
        Kiln::Loader.require('kiln/files') if Kiln.__bundled?('kiln/files.rb')
        Kiln.const_defined?(:BUNDLED_FILES) ? Kiln::BUNDLED_FILES : { data: {}, names: [] }
      end
    end

    def data; table[:data]; end

    def names
      @names ||= (data.keys + table[:names]).uniq.sort
    end

    def dirs
      @dirs ||= names.each_with_object({ '' => true }) do |n, h|
        parts = n.split('/')
        (1...parts.size).each { |i| h[parts[0, i].join('/')] = true }
      end
    end

    # A path (relative to ROOT, or absolute under it) as a bundle path; nil outside.
    def key(path)
      full = ::File.expand_path(path.to_s)
      return '' if full == ROOT
      full.start_with?("#{ROOT}/") ? full[ROOT.length + 1..-1] : nil
    end

    def file?(path) (k = key(path)) && names.include?(k) end
    def directory?(path) (k = key(path)) && dirs.key?(k) end

    def read(path)
      k = key(path)
      return data[k] if k && data.key?(k)
      raise Errno::EISDIR, path if k && dirs.key?(k)
      if k && names.include?(k)
        raise IOError, "#{path}: the build compiles Ruby files and templates to bytecode and does not bundle their " \
                       'source; only data files (JSON, YAML, text...) can be read'
      end
      raise Errno::ENOENT, path
    end
  end
end

class File
  SEPARATOR = '/'
  Separator = SEPARATOR
  ALT_SEPARATOR = nil
  PATH_SEPARATOR = ':'
  BUNDLE_ROOT = Kiln::FileView::ROOT

  # What File.open yields: the whole content, read line by line.
  class Reader
    attr_reader :path

    def initialize(path, content)
      @path = path
      @content = content
      @pos = 0
    end

    def read(length = nil)
      rest = @content[@pos..-1] || ''
      rest = rest[0, length] if length
      @pos += rest.length
      length && rest.empty? ? nil : rest
    end

    def gets
      return nil if @pos >= @content.length
      i = @content.index("\n", @pos)
      line = i ? @content[@pos..i] : @content[@pos..-1]
      @pos += line.length
      line
    end

    def each_line
      return to_enum(:each_line) unless block_given?
      while (line = gets)
        yield line
      end
      self
    end
    alias each each_line

    def readlines; each_line.to_a; end
    def eof?; @pos >= @content.length; end
    def rewind; @pos = 0; end
    def size; @content.bytesize; end
    def close; nil; end
    def closed?; false; end

    def write(*)
      raise Kiln::ReadOnlyFileSystem, "writing #{@path}"
    end
    alias << write
    alias puts write
    alias print write
  end

  class << self
    def join(*parts)
      parts = parts.flatten.map(&:to_s)
      return '' if parts.empty?
      out = parts[0].dup
      parts[1..-1].each do |p|
        out = out.end_with?('/') ? out + p.sub(%r{\A/+}, '') : (p.start_with?('/') ? out + p : "#{out}/#{p}")
      end
      out
    end

    def basename(path, suffix = nil)
      s = path.to_s
      s = s.sub(%r{/+\z}, '') unless s =~ %r{\A/+\z}
      return '/' if s.empty? && path.to_s.start_with?('/')
      base = s.include?('/') ? s[s.rindex('/') + 1..-1] : s
      if suffix == '.*'
        ext = extname(base)
        base = base[0, base.length - ext.length] unless ext.empty?
      elsif suffix && base.end_with?(suffix) && base != suffix
        base = base[0, base.length - suffix.length]
      end
      base
    end

    def dirname(path, levels = 1)
      s = path.to_s
      levels.times do
        s = s.sub(%r{/+\z}, '') unless s =~ %r{\A/+\z}
        i = s.rindex('/')
        s = i.nil? ? '.' : (i.zero? ? '/' : s[0, i].sub(%r{/+\z}, ''))
        s = '/' if s.empty?
      end
      s
    end

    def extname(path)
      base = basename(path)
      i = base.rindex('.')
      i.nil? || i.zero? ? '' : base[i..-1] # "a." -> "." (CRuby 2.7+)
    end

    def split(path) [dirname(path), basename(path)] end

    # Relative paths resolve from dir (default Dir.pwd, the bundle root); "~" is not expanded.
    def expand_path(path, dir = nil)
      s = path.to_s
      unless s.start_with?('/')
        base = dir ? expand_path(dir.to_s) : Dir.pwd
        s = "#{base}/#{s}"
      end
      "/#{Kiln::Loader.normalize(s)}" # "." and ".." resolved as bundle paths are
    end
    alias absolute_path expand_path
    alias realpath expand_path

    def absolute_path?(path) path.to_s.start_with?('/') end

    def exist?(path) Kiln::FileView.file?(path) || Kiln::FileView.directory?(path) ? true : false end
    alias exists? exist?
    def file?(path) Kiln::FileView.file?(path) ? true : false end
    def directory?(path) Kiln::FileView.directory?(path) ? true : false end
    def readable?(path) exist?(path) end
    def writable?(_path) false end
    def size(path) read(path).bytesize end
    def size?(path) file?(path) && (n = size(path)) > 0 ? n : nil end
    def zero?(path) file?(path) && size(path).zero? end
    alias empty? zero?

    def read(path, *_opts) Kiln::FileView.read(path).dup end
    alias binread read

    def readlines(path, *_opts, chomp: false)
      lines = Reader.new(path, Kiln::FileView.read(path)).readlines
      chomp ? lines.map(&:chomp) : lines
    end

    def foreach(path, &block)
      return readlines(path).each unless block
      readlines(path).each(&block)
      nil
    end

    def open(path, mode = 'r', *_rest)
      m = mode.to_s
      raise Kiln::ReadOnlyFileSystem, "File.open(#{path.inspect}, #{mode.inspect})" if m =~ /[wax+]/
      f = Reader.new(path.to_s, Kiln::FileView.read(path))
      block_given? ? yield(f) : f
    end
    alias new open

    %w[write binwrite delete unlink rename symlink link chmod truncate mkfifo].each do |name|
      define_method(name) { |*args| raise Kiln::ReadOnlyFileSystem, "File.#{name}(#{args.first.inspect})" }
    end

    def fnmatch(pattern, path, flags = 0)
      Dir.glob_regexp(pattern, (flags & FNM_PATHNAME) != 0) =~ path.to_s ? true : false
    end
    alias fnmatch? fnmatch
  end

  FNM_NOESCAPE = 1
  FNM_PATHNAME = 2
  FNM_DOTMATCH = 4
  FNM_CASEFOLD = 8
  FNM_EXTGLOB = 16
end

class Dir
  class << self
    def pwd; File::BUNDLE_ROOT; end
    alias getwd pwd

    def exist?(path) File.directory?(path) end

    # Patterns with *, **, ?, [...] and {a,b}, relative (to base:, or the
    # bundle root) or absolute; the results keep the pattern's form.
    def glob(patterns, flags = 0, base: nil, sort: true, &block)
      results = Array(patterns).flat_map { |pat| glob_one(pat.to_s, base, (flags & File::FNM_DOTMATCH) != 0) }
      results.sort! if sort
      return results unless block
      results.each(&block)
      nil
    end

    def [](*patterns, base: nil, sort: true) glob(patterns, base: base, sort: sort) end

    def children(path)
      k = Kiln::FileView.key(path) or raise Errno::ENOENT, path
      raise Errno::ENOENT, path unless Kiln::FileView.dirs.key?(k)
      prefix = k.empty? ? '' : "#{k}/"
      (Kiln::FileView.names + Kiln::FileView.dirs.keys).select { |n| n.start_with?(prefix) && n.length > prefix.length }
                                                       .map { |n| n[prefix.length..-1].split('/').first }.uniq.sort
    end

    def entries(path) ['.', '..'] + children(path) end
    def each_child(path, &block) children(path).each(&block) end
    def empty?(path) children(path).empty? end

    %w[mkdir rmdir delete unlink chdir mktmpdir].each do |name|
      define_method(name) { |*args| raise Kiln::ReadOnlyFileSystem, "Dir.#{name}(#{args.first.inspect})" }
    end

    def glob_regexp(pattern, pathname = true)
      re = String.new('\A')
      i = 0
      depth = 0
      while i < pattern.length
        c = pattern[i]
        if c == '*' && pattern[i + 1] == '*' && pattern[i + 2] == '/'
          re << '(?:[^/]*/)*'
          i += 3
          next
        end
        re << case c
              when '*' then pathname ? '[^/]*' : '.*'
              when '?' then '[^/]'
              when '{' then depth += 1; '(?:'
              when '}' then depth > 0 ? (depth -= 1; ')') : '\}'
              when ',' then depth > 0 ? '|' : ','
              when '['
                j = pattern.index(']', i)
                if j
                  cls = pattern[i + 1...j].sub(/\A!/, '^')
                  i = j
                  "[#{cls}]"
                else
                  '\['
                end
              when '.', '+', '(', ')', '|', '^', '$', '\\' then "\\#{c}"
              else c
              end
        i += 1
      end
      Regexp.new(re + '\z')
    end

    private

    def glob_one(pattern, base, dotmatch)
      absolute = pattern.start_with?('/')
      root = absolute ? '' : Kiln::FileView.key(base || pwd)
      return [] if root.nil?
      full = absolute ? File.expand_path(pattern) : (root.empty? ? pattern : "#{root}/#{pattern}")
      full = full[File::BUNDLE_ROOT.length + 1..-1].to_s if absolute
      re = glob_regexp(full.sub(%r{\A\./}, ''))
      (Kiln::FileView.names + Kiln::FileView.dirs.keys.reject(&:empty?)).select do |n|
        re =~ n && (dotmatch || n.split('/').none? { |p| p.start_with?('.') })
      end.map do |n|
        if absolute then "#{File::BUNDLE_ROOT}/#{n}"
        elsif root.empty? then n
        else n[root.length + 1..-1]
        end
      end
    end
  end
end

module Kernel
  # The absolute directory of the calling file, in the bundle view.
  def __dir__
    file = caller(1, 1).first.to_s.split(':').first
    File.dirname(File.expand_path(file))
  end
  private :__dir__
end
