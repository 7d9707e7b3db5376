// Native mruby baseline for bench/run's Ruby CPU figures: loads the same
// workloads bytecode the Kiln bench app runs in wasm and times each
// workload with Workloads.run(name), like the wasm side's /cpu/:name route.
//
// usage: native_mruby WORKLOADS.mrb REPEATS NAME...
// prints one line per workload: NAME RESULT MS MS MS... (CPU time)
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <mruby.h>
#include <mruby/irep.h>
#include <mruby/string.h>
#include <mruby/variable.h>

// CPU time, not wall clock: other jobs on a shared machine preempt the run
// without adding to it.
static double cpu_ms() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static std::string inspect_exception(mrb_state* mrb) {
  mrb_value s = mrb_inspect(mrb, mrb_obj_value(mrb->exc));
  return std::string(RSTRING_PTR(s), RSTRING_LEN(s));
}

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s WORKLOADS.mrb REPEATS NAME...\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::vector<uint8_t> code((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (code.empty()) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  int repeats = std::stoi(argv[2]);

  mrb_state* mrb = mrb_open();
  mrb_load_irep_buf(mrb, code.data(), code.size());
  if (mrb->exc) {
    std::fprintf(stderr, "loading %s: %s\n", argv[1], inspect_exception(mrb).c_str());
    return 1;
  }
  mrb_value workloads = mrb_obj_value(mrb_module_get(mrb, "Workloads"));
  for (int a = 3; a < argc; a++) {
    std::string result;
    std::printf("%s", argv[a]);
    std::vector<double> times;
    for (int r = -1; r < repeats; r++) {  // r == -1: untimed warm-up (heap pages)
      int ai = mrb_gc_arena_save(mrb);
      double t0 = cpu_ms();
      mrb_value v = mrb_funcall(mrb, workloads, "run", 1, mrb_str_new_cstr(mrb, argv[a]));
      double t1 = cpu_ms();
      if (mrb->exc) {
        std::fprintf(stderr, "%s: %s\n", argv[a], inspect_exception(mrb).c_str());
        return 1;
      }
      mrb_value s = mrb_obj_as_string(mrb, v);
      result.assign(RSTRING_PTR(s), RSTRING_LEN(s));
      if (r >= 0) times.push_back(t1 - t0);
      mrb_gc_arena_restore(mrb, ai);
    }
    std::printf(" %s", result.c_str());
    for (double t : times) std::printf(" %.3f", t);
    std::printf("\n");
  }
  mrb_close(mrb);
  return 0;
}
