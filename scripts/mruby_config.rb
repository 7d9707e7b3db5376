# mruby build configuration for Kiln (used by scripts/setup via MRUBY_CONFIG).
# One source tree, three builds: the host (mrbc + a native libmruby for the
# sanitizer test build), wasm32 (the library linked into kiln.wasm) and
# wasm32-mrbc (mrbc as one JS file run by node, so `kiln build` needs no
# native compiler on the user's machine).

require_relative 'mruby_gems'  # KILN_GEMS

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
  # A larger method cache: one request runs a few hundred distinct methods.
  defines = %w[MRB_NO_BOXING MRB_METHOD_CACHE_SIZE=1024]
  conf.cc.defines += defines
  conf.cxx.defines += defines
  # mruby's core C at -O2 where Ruby code spends its time (the interpreter
  # loop, method lookup, GC, String/Array/Hash...), -Os for the rest: -3.2
  # KiB gzip, and Ruby code runs faster than with all of it at -O3 (fib -11%,
  # strings -3%, CPU time, same process; vm.c at -O3 is 13% slower than at
  # -O2 for the same size). All of the core at -Os: -19 KiB but 18-56% slower.
  hot = %w[vm gc array class hash kernel object proc range string symbol variable]
  # Per file, without touching the compiler's shared flags (rake compiles
  # in parallel threads): run marks a cold core file, all_flags reads the mark.
  [conf.cc, conf.cxx].each do |compiler|
    compiler.define_singleton_method(:run) do |outfile, infile, *rest|
      base = File.basename(outfile).sub(/(-cxx)?\.\w+\z/, '')
      Thread.current[:kiln_size_opt] = File.dirname(outfile) == "#{build.build_dir}/src" && !hot.include?(base)
      super(outfile, infile, *rest)
    ensure
      Thread.current[:kiln_size_opt] = nil
    end
    compiler.define_singleton_method(:all_flags) do |*args|
      line = super(*args)
      Thread.current[:kiln_size_opt] ? line.sub(/(?<=\A|\s)-O2(?=\s|\z)/, '-Os') : line
    end
  end
  KILN_GEMS.call(conf)
  # The upload is gzip-limited: the gems' C code is compiled for size, the
  # core's hot files (above) for speed. (The whole of mruby at -Oz saves ~12
  # KiB gzip more but makes Ruby code 40-60% slower.)
  conf.gems.each do |gem|
    gem.build_config_initializer = proc { [cc, cxx].each { |c| c.flags = c.flags.flatten.map { |f| f == '-O2' ? '-Oz' : f } } }
  end
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
