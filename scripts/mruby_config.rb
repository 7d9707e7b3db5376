# mruby build configuration for Kiln (used by scripts/setup via MRUBY_CONFIG).
# One source tree, three builds: the host (mrbc + a native libmruby for the
# sanitizer test build), wasm32 (the library linked into kiln.wasm) and
# wasm32-mrbc (mrbc as one JS file run by node, so `kiln build` needs no
# native compiler on the user's machine).

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

# mrbc for node: links only libmruby_core + the compiler, so no gems beyond
# those two; the defines that shape bytecode (MRB_INT64: 64-bit integer
# literals) match the runtime's. NODERAWFS gives it the real filesystem,
# SINGLE_FILE embeds the wasm, EXIT_RUNTIME makes its exit status node's.
MRuby::CrossBuild.new('wasm32-mrbc') do |conf|
  conf.toolchain :clang
  conf.cc.command = 'emcc'
  conf.cxx.command = 'em++'
  conf.linker.command = 'emcc'
  conf.archiver.command = 'emar'
  conf.exts.executable = '.js'
  conf.cc.flags = %w[-Os]
  conf.cxx.flags = %w[-Os]
  defines = %w[MRB_UTF8_STRING MRB_INT64 MRB_NO_BOXING]
  conf.cc.defines += defines
  conf.cxx.defines += defines
  conf.linker.flags += %w[-Os -sENVIRONMENT=node -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1
                          -sEXIT_RUNTIME=1 -sSINGLE_FILE=1]
  conf.gem core: 'mruby-compiler'
  conf.gem core: 'mruby-bin-mrbc'
end
