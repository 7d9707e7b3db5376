# ERB templates with Sinatra's `erb`. `kiln build` (js/cli/build/templates.js) turns
# each template into a method of this module, compiled to bytecode under the
# template's own path; a template file's bytecode runs (defining its method)
# the first time it is rendered. Included into Kiln::Base (at the end of
# sinatra/helpers.rb), so a template runs with the app instance as self:
# helpers, params, @ivars and `yield` work.
#
# Locals: a bare name in a template is a method call (the compiler cannot
# know which names a caller will pass), answered from the locals of the
# template being rendered: by method_missing, or, for a local named like an
# existing method (`error`, `status`), by a per-instance method that answers
# the local when called bare, like a Ruby local variable would. A few names
# the runtime itself relies on (params, request, response, env, settings)
# keep reading the method.
# A missing template raises Errno::ENOENT (ruby/kiln/boot/core_ext/exceptions.rb).
module Kiln
  # A template feature Kiln cannot provide (it has no Ruby parser at runtime).
  class TemplateError < Error; end

  module Templates
    @files = {}   # "views/index.erb" => method name
    @inline = {}  # "index" (an @@ template after __END__) => method name
    @inline_loaded = false

    class << self
      # Called by the generated code as each template's bytecode runs.
      def compiled_file(path, method) @files[path] = method end
      def compiled_inline(name, method) @inline[name] = method end

      # The method that renders template `name` (a String) from `views`;
      # nil if there is none. __END__ templates win, as in Sinatra.
      def find(name, views)
        unless @inline_loaded
          @inline_loaded = true
          Kiln.__run_bytecode(INLINE_ENTRY) if Kiln.__bundled?(INLINE_ENTRY)
        end
        return @inline[name] if @inline.key?(name)
        path = views.empty? ? "#{name}.erb" : "#{views}/#{name}.erb"
        return @files[path] if @files.key?(path)
        return nil unless Kiln.__bundled?(path)
        Kiln.__run_bytecode(path)
        @files[path]
      end

    end

    # The bundle entry of app.rb's __END__ templates (INLINE_ENTRY in js/cli/build/templates.js).
    INLINE_ENTRY = 'kiln:inline_templates'

    # erb(:name, options = {}, locals = {}) as in Sinatra. Options: layout
    # (default :layout when it exists; false; a name), locals, content_type,
    # views, plus defaults from `set :erb, layout: ...`.
    def erb(template, options = {}, locals = {}, &block)
      if template.is_a?(String)
        raise TemplateError, 'erb with a String renders it as template source, which needs a Ruby parser at ' \
                             'runtime and Kiln compiles templates at build time: put it in views/NAME.erb ' \
                             '(or under @@ NAME after __END__ in app.rb) and call erb :NAME'
      end
      raise ArgumentError, "erb: template name must be a Symbol, got #{template.inspect}" unless template.is_a?(Symbol)
      defaults = self.class.respond_to?(:erb) ? self.class.erb : nil
      options = defaults.merge(options) if defaults.is_a?(Hash)
      locals = options[:locals] || locals || {}
      views = Loader.normalize(options[:views] || (self.class.respond_to?(:views) && self.class.views) || 'views')
      layout = options[:layout]
      layout = false if layout.nil? && options.key?(:layout)
      # A missing default layout is fine; a missing named one is an error.
      optional_layout = layout.nil?
      # Templates rendered from inside a template get no default layout.
      nested = @__kiln_rendering
      layout = (nested ? false : :layout) if layout.nil? || layout == true
      content_type(options[:content_type]) if options[:content_type]

      @__kiln_rendering = true
      begin
        output = __kiln_render(template, views, locals, false, &block)
      ensure
        @__kiln_rendering = nested
      end
      return output unless layout
      with_layout = __kiln_render(layout, views, locals, optional_layout) { output }
      with_layout.nil? ? output : with_layout
    rescue Errno::ENOENT => e
      # Name the line that asked for the template first, not this file.
      trace = e.backtrace
      e.set_backtrace(trace.drop_while { |frame| frame.start_with?(__FILE__) }) if trace
      raise e
    end

    # Template locals, read by bare name (see the top of this file).
    def method_missing(name, *args, &block)
      if args.empty? && block.nil?
        value = __kiln_local(name)
        return value unless NO_LOCAL.equal?(value)
      end
      begin
        super
      rescue NoMethodError => e
        # Point the backtrace at the caller (a template line), not here.
        e.set_backtrace(e.backtrace.drop(1)) if e.backtrace && e.backtrace.size > 1
        raise e
      end
    end

    # (mruby has no Object#respond_to_missing? to call super on.)
    def respond_to_missing?(name, _include_private = false)
      !NO_LOCAL.equal?(__kiln_local(name))
    end

    private

    NO_LOCAL = Object.new.freeze
    # Methods the runtime itself calls without arguments while a template
    # renders (redirect, halt, content_type...): never shadowed by a local.
    # (A Hash: Array#include? is a Ruby loop with a block call per entry.)
    NEVER_SHADOWED = {}
    %w[env request response params settings send __send__ object_id class respond_to?
       method_missing respond_to_missing? instance_variable_get instance_variable_set
       singleton_class define_singleton_method instance_exec erb initialize].each { |n| NEVER_SHADOWED[n] = true }
    NEVER_SHADOWED.freeze

    def __kiln_local(name)
      locals = @__kiln_locals
      return NO_LOCAL unless locals
      return locals[name] if locals.key?(name)
      key = name.to_s
      locals.key?(key) ? locals[key] : NO_LOCAL
    end

    # A local named like a method of the app (`error`, `status`, `body`, a
    # helper) must win over the method, as a Ruby local variable would: this
    # instance gets a method of that name answering the local when called
    # bare, and the original method otherwise. Once per name and request.
    def __kiln_shadow(key)
      name = key.to_s
      done = (@__kiln_shadowed ||= {})
      return if done.key?(name)
      done[name] = true
      sym = name.to_sym
      return if NEVER_SHADOWED.key?(name)
      # (mruby's method_defined? also sees private methods.)
      return unless self.class.method_defined?(sym)
      original = :"__kiln_unshadowed_#{name}"
      singleton_class.send(:alias_method, original, sym)
      define_singleton_method(sym) do |*args, &block|
        value = args.empty? && block.nil? ? __kiln_local(sym) : NO_LOCAL
        NO_LOCAL.equal?(value) ? __send__(original, *args, &block) : value
      end
    end

    # The rendered template; nil when it does not exist and `optional`.
    def __kiln_render(name, views, locals, optional, &block)
      method = Templates.find(name.to_s, views)
      unless method
        return nil if optional
        raise Errno::ENOENT, views.empty? ? "#{name}.erb" : "#{views}/#{name}.erb"
      end
      locals.each_key { |key| __kiln_shadow(key) }
      saved = @__kiln_locals
      @__kiln_locals = locals
      begin
        __send__(method, &block)
      ensure
        @__kiln_locals = saved
      end
    end
  end

  class Base
    class << self
      # Sinatra's `template :name do ... end` returns template source at
      # runtime, which Kiln cannot compile.
      def template(name, &_block)
        raise TemplateError, "template #{name.inspect}: templates defined in code need a Ruby parser at runtime; " \
                             "put it in views/#{name}.erb or under @@ #{name} after __END__ in app.rb"
      end
    end
  end

  module Delegator
    private

    def template(*args, &block) Kiln::Application.template(*args, &block) end
  end
end
