# Kiln's runtime basics: environment, logging, error formatting.
module Kiln
  class Error < StandardError; end

  # Raised where Ruby code has run `set :cpu_budget` VM steps without
  # awaiting (src/core/cpu_budget.h). Not a StandardError, so a plain
  # `rescue => e` around a runaway loop does not swallow it; `ensure` and
  # the app's `error` handlers still run (within a further tenth of the budget).
  class CPULimitExceeded < Exception; end

  class << self
    attr_reader :environment

    # Called once per isolate by the C++ runtime with the main file's path
    # and {"vars" => {...}} from wrangler.toml [vars] / .dev.vars, "bindings"
    # and optional "preload" (bundle paths).
    def boot(main, config)
      vars = config['vars'] || {}
      vars.each { |k, v| ENV[k] = v.is_a?(String) ? v : v.to_s }
      @environment = (vars['KILN_ENV'] || vars['RACK_ENV'] || vars['APP_ENV'] || 'development').to_sym
      Bindings.kinds = config['bindings'] || {}
      # Bundled files run before the app (kiln test's kiln/test.rb).
      (config['preload'] || []).each { |path| Loader.require(path) }
      # The stdlib the app uses without a require, as Sinatra loads it (js/cli/build/libraries.js IMPLIED).
      Loader.require('kiln/prelude') if Kiln.__bundled?('kiln/prelude.rb')
      Loader.load_main(main)
      self.__cpu_budget = app.respond_to?(:cpu_budget) ? app.cpu_budget : Base.cpu_budget
      Session.secret(app) if app.respond_to?(:sessions?) && app.sessions?  # fail at boot, not per request
    end

    # Seeds rand from the runtime's first request or event (src/core/runtime.cpp
    # seed_random), unless the app chose a seed with srand while loading.
    def __seed_random(seed)
      Random.__kiln_srand(seed) unless @app_seeded_random
    end

    def __app_seeded_random!
      @app_seeded_random = true
    end

    # To the console's error stream (wrangler dev's terminal, Workers logs).
    def log_error(message)
      __log_error(message.to_s)
    end

    # "file:line: message (Class)" followed by the backtrace, one frame a line.
    def format_exception(e)
      trace = e.backtrace || []
      head = trace.empty? ? '' : "#{trace.first}: "
      lines = ["#{head}#{e.message} (#{e.class})"]
      trace.drop(1).each { |frame| lines << "\tfrom #{frame}" }
      lines.join("\n")
    end
  end
end

# srand by the app: its seed stands (Kiln.__seed_random). A core extension
# kept here, beside the seeding whose flag it sets.
[Kernel, Random.singleton_class].each do |mod|
  mod.class_eval do
    alias_method :__kiln_srand, :srand
    define_method(:srand) do |*seed|
      Kiln.__app_seeded_random!
      __kiln_srand(*seed)
    end
  end
end
