# mruby build configuration for Kiln (used by scripts/setup via MRUBY_CONFIG).
# One source tree, two builds: the host (mrbc + a native libmruby for the
# sanitizer test build) and wasm32 (the library linked into kiln.wasm).

# What both builds share: the gems a Sinatra app reaches for, no compiler in
# the runtime (apps are compiled to bytecode at build time, so no eval), and
# C++ exceptions so a Ruby raise unwinds C++ frames with destructors run.
KILN_GEMS = lambda do |conf|
  conf.gembox 'stdlib'
  conf.gembox 'stdlib-ext'
  conf.gembox 'math'
  %w[mruby-metaprog mruby-method mruby-catch mruby-error mruby-print
     mruby-sprintf].each { |g| conf.gem core: g }
  conf.cc.defines += %w[MRB_UTF8_STRING MRB_INT64]
  conf.cxx.defines += %w[MRB_UTF8_STRING MRB_INT64]
  conf.enable_cxx_exception
end

# Kiln's own C++ must see the same defines as the library it links, or
# mrb_value's layout differs; CMake reads this file.
KILN_DEFINES = lambda do |conf|
  FileUtils.mkdir_p(conf.build_dir)
  File.write("#{conf.build_dir}/kiln-defines.txt", conf.cc.defines.uniq.join(' ') + "\n")
end

MRuby::Build.new('host') do |conf|
  conf.toolchain :gcc
  KILN_GEMS.call(conf)
  conf.gem core: 'mruby-bin-mrbc'
  conf.gem core: 'mruby-compiler'
  conf.enable_debug
  [conf.cc, conf.cxx].each { |c| c.flags << '-O1' << '-fPIC' }
  KILN_DEFINES.call(conf)
end

MRuby::CrossBuild.new('wasm32') do |conf|
  conf.toolchain :clang
  conf.cc.command = 'emcc'
  conf.cxx.command = 'em++'
  conf.linker.command = 'em++'
  conf.archiver.command = 'emar'
  # The VM runs as plain wasm (never under Asyncify); wasm-native exceptions
  # keep MRB_TRY cheap. 32-bit wasm needs explicit no-boxing for 64-bit ints.
  flags = %w[-O2 -fwasm-exceptions]
  conf.cc.flags = flags
  conf.cxx.flags = flags + %w[-std=c++17]
  conf.cc.defines += %w[MRB_NO_BOXING]
  conf.cxx.defines += %w[MRB_NO_BOXING]
  KILN_GEMS.call(conf)
  KILN_DEFINES.call(conf)
end
