# Exception classes CRuby has and mruby 3.1 lacks, raised where CRuby would
# raise them (a CRuby core extension: see ruby/kiln/boot/core_ext/enumerable.rb).
# LoadError comes with require, which mruby lacks (ruby/kiln/boot/loader.rb
# raises it); Errno::ENOENT is what a missing template raises, as in Sinatra
# (ruby/kiln/sinatra/templates.rb).
class LoadError < ScriptError; end unless Object.const_defined?(:LoadError)

class SystemCallError < StandardError; end unless Object.const_defined?(:SystemCallError)

module Errno
  class ENOENT < SystemCallError
    def initialize(path = nil)
      super(path ? "No such file or directory @ rb_sysopen - #{path}" : 'No such file or directory')
    end
  end
end unless Object.const_defined?(:Errno) && Errno.const_defined?(:ENOENT)
