# Release builds of native mruby for bench/run's Ruby CPU baseline (built
# by bench/lib/native_mruby.mjs, cached under $KILN_DEPS/bench-mruby): the
# same source tree and gem list as the runtime (scripts/mruby_gems.rb),
# -O3, no MRB_DEBUG, and
#   native-nobox: the wasm build's defines (MRB_NO_BOXING, 1024-entry
#                 method cache): the headline baseline;
#   native-word:  mruby's default (word) boxing, same method cache.
# Gem .rb files are compiled with the host mrbc scripts/setup built
# (BENCH_MRBC): bytecode does not depend on boxing.

require_relative '../scripts/mruby_gems'  # KILN_GEMS: the runtime's gem list and defines

MRuby::Lockfile.disable # no bench/mruby_native.rb.lock in the tree

{ 'native-nobox' => %w[MRB_NO_BOXING MRB_METHOD_CACHE_SIZE=1024],
  'native-word' => %w[MRB_METHOD_CACHE_SIZE=1024] }.each do |name, defines|
  MRuby::Build.new(name) do |conf|
    conf.toolchain :gcc
    KILN_GEMS.call(conf)
    [conf.cc, conf.cxx].each do |c|
      c.flags << '-O3'
      c.defines += defines
    end
    conf.mrbcfile = ENV.fetch('BENCH_MRBC')
    FileUtils.mkdir_p(conf.build_dir)
    File.write("#{conf.build_dir}/kiln-defines.txt", conf.cc.defines.uniq.join(' ') + "\n")
  end
end
