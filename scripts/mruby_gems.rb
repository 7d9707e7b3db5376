# What every mruby build of Kiln shares, the runtime's (scripts/
# mruby_config.rb) and bench/run's native baselines (bench/mruby_native.rb),
# so the two cannot drift: the gems a Sinatra app reaches for, no compiler in
# the runtime (apps are compiled to bytecode at build time, so no eval), and
# C++ exceptions so a Ruby raise unwinds C++ frames with destructors run.
KILN_GEMS = lambda do |conf|
  # mruby's stdlib, stdlib-ext and math gemboxes minus what a web app
  # seldom needs and the upload pays for (README "Limits"): Rational,
  # Complex, Enumerator::Lazy, ObjectSpace.
  %w[mruby-compar-ext mruby-enum-ext mruby-string-ext mruby-numeric-ext mruby-array-ext
     mruby-hash-ext mruby-range-ext mruby-proc-ext mruby-symbol-ext mruby-object-ext
     mruby-fiber mruby-enumerator mruby-toplevel-ext mruby-kernel-ext mruby-class-ext
     mruby-pack mruby-sprintf mruby-time mruby-struct mruby-random mruby-math
     mruby-metaprog mruby-method mruby-catch mruby-error mruby-print].each { |g| conf.gem core: g }
  conf.cc.defines += %w[MRB_UTF8_STRING MRB_INT64]
  conf.cxx.defines += %w[MRB_UTF8_STRING MRB_INT64]
  conf.enable_cxx_exception
end
