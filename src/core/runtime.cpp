// The request lifecycle: JS Request -> C++ -> Ruby (in a fiber) -> C++ -> JS.
//
// Each request runs in its own mruby Fiber. When Ruby needs a JS promise
// (Kiln.await), the fiber yields [operation, args]; start()/resume() return
// Await and JS performs it, then calls resume() with the outcome. The VM is
// never suspended mid-instruction, so no Asyncify is involved.
#include "kiln/runtime.h"

#include <cstdio>
#include <cstring>
#include <unistd.h>
#include <unordered_map>

#include <mruby.h>
#include <mruby/array.h>
#include <mruby/error.h>
#include <mruby/hash.h>
#include <mruby/irep.h>
#include <mruby/proc.h>
#include <mruby/string.h>
#include <mruby/variable.h>

#include "core/bundle.h"
#include "core/cpu_budget.h"
#include "regexp/regexp_ruby.h"
#include "core/codec.h"
#include "crypto/crypto_ruby.h"
#include "multipart/multipart.h"
#include "json/json.h"
#include "core/request_env.h"
#include "core/response.h"
#include "pattern/pattern_ruby.h"
#include "text/text.h"

extern "C" const uint8_t kiln_dsl[];  // ruby/kiln/*.rb, compiled by mrbc -B

namespace kiln {

namespace {

// One line to the console's error stream (wrangler dev's terminal, Workers
// logs): what Kiln.log_error writes, and what the runtime writes itself
// without a call into Ruby (an app may redefine Kiln.log_error).
void log_line(std::string_view line) {
  std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
}

mrb_value log_error(mrb_state* mrb, mrb_value) {
  const char* s;
  mrb_int len;
  mrb_get_args(mrb, "s", &s, &len);
  log_line({s, static_cast<size_t>(len)});
  return mrb_nil_value();
}

// The C-implemented method whose block is running (the frame an await
// cannot cross), or nil: the innermost frame entered from C names it.
mrb_value blocking_method(mrb_state* mrb, mrb_value) {
  const mrb_callinfo* base = mrb->c->cibase;
  for (const mrb_callinfo* ci = mrb->c->ci; ci > base; --ci) {
    if (ci->cci == 0) continue;
    const mrb_callinfo* caller = ci - 1;
    bool cfunc = caller->proc && MRB_PROC_CFUNC_P(caller->proc);
    return cfunc && caller->mid ? mrb_symbol_value(caller->mid) : mrb_nil_value();
  }
  return mrb_nil_value();
}

// Kiln.__cpu_budget = steps (nil: none), from the app's settings at boot.
mrb_value set_cpu_budget(mrb_state* mrb, mrb_value) {
  mrb_value steps;
  mrb_get_args(mrb, "o", &steps);
  auto* budget = static_cast<CpuBudget*>(mrb->ud);
  budget->set_limit(mrb_nil_p(steps) ? 0 : mrb_as_int(mrb, steps));
  return steps;
}

// BasicObject#!= in C: mruby's is Ruby, a method call for every `!=`.
// Same meaning: the negation of `==` (mrb_equal calls a Ruby `==` when the
// values are not of a built-in type it compares itself).
mrb_value not_equal(mrb_state* mrb, mrb_value self) {
  return mrb_bool_value(!mrb_equal(mrb, self, mrb_get_arg1(mrb)));
}

}  // namespace

struct Runtime::Impl {
  mrb_state* mrb = nullptr;
  std::unique_ptr<CpuBudget> budget;
  Bundle bundle;
  // A running request or event: its fiber (registered with the GC), whether
  // it ends in an HTTP response or a plain value, and whether the request is
  // a HEAD (the runtime's own 500 then has no body either).
  struct Task {
    mrb_value fiber;
    bool http, head;
  };
  std::unordered_map<uint32_t, Task> fibers;
  uint32_t next_id = 1;
  bool random_seeded = false;

  // Looked up once: interning a name and a constant lookup per call were a
  // few % of a request.
  struct RClass* kiln_module = nullptr;
  mrb_sym step_sym = 0, request_fiber_sym = 0, event_fiber_sym = 0;
  struct RClass* kiln() {
    if (!kiln_module) kiln_module = mrb_module_get(mrb, "Kiln");
    return kiln_module;
  }

  // The message of the pending exception (cleared), with its backtrace.
  std::string take_exception() {
    mrb_value exc = mrb_obj_value(mrb->exc);
    mrb->exc = nullptr;
    mrb_value text = mrb_funcall(mrb, mrb_obj_value(kiln()), "format_exception", 1, exc);
    if (mrb->exc || !mrb_string_p(text)) {
      mrb->exc = nullptr;
      return "(unprintable exception)";
    }
    return std::string(RSTRING_PTR(text), static_cast<size_t>(RSTRING_LEN(text)));
  }

  void forget(uint32_t id) {
    auto it = fibers.find(id);
    if (it == fibers.end()) return;
    mrb_gc_unregister(mrb, it->second.fiber);
    fibers.erase(it);
  }

  // Decodes the input with `decode` (codec errors become a Failed step) and
  // launches a fiber with Kiln.<factory>(value).
  template <typename Decode>
  Step start(std::string_view input, const char* what, mrb_sym factory, bool http, Decode decode) {
    int arena = mrb_gc_arena_save(mrb);
    Step result;
    mrb_value value;
    try {
      codec::Reader in(input);
      value = decode(mrb, in);
    } catch (const codec::Error& e) {
      mrb_gc_arena_restore(mrb, arena);
      result.payload = std::string("malformed ") + what + ": " + e.what();
      return result;
    }
    result = launch(factory, value, http);
    mrb_gc_arena_restore(mrb, arena);
    return result;
  }

  // mruby starts its default Random from fixed constants, so every isolate
  // would draw the same `rand` numbers. It is seeded once from secure random
  // at the first request or event: Workers refuse random values at the
  // module's top level, where the VM boots. (Kiln.__seed_random keeps a
  // seed app.rb chose with srand.)
  void seed_random() {
    random_seeded = true;
    uint32_t seed = 0;
    if (getentropy(&seed, sizeof seed) != 0) return;
    mrb_funcall(mrb, mrb_obj_value(kiln()), "__seed_random", 1, mrb_int_value(mrb, seed));
    mrb->exc = nullptr;
  }

  // Whether a request env's REQUEST_METHOD (as the client sent it) is HEAD.
  bool head_request(mrb_value env) {
    if (!mrb_hash_p(env)) return false;
    mrb_value method = mrb_hash_get(mrb, env, mrb_str_new_lit(mrb, "REQUEST_METHOD"));
    return mrb_string_p(method) && RSTRING_LEN(method) == 4 && std::memcmp(RSTRING_PTR(method), "HEAD", 4) == 0;
  }

  // Creates the fiber with Kiln.<factory>(arg) and runs its first step.
  Step launch(mrb_sym factory, mrb_value arg, bool http) {
    if (!random_seeded) seed_random();
    Step result;
    mrb_value fiber = mrb_funcall_argv(mrb, mrb_obj_value(kiln()), factory, 1, &arg);
    if (mrb->exc) {
      result.payload = take_exception();
      return result;
    }
    uint32_t id = next_id++;
    if (next_id == 0) next_id = 1;
    mrb_gc_register(mrb, fiber);
    fibers[id] = Task{fiber, http, http && head_request(arg)};
    return step(id, mrb_nil_value());
  }

  // Runs the fiber until it yields an await or finishes.
  Step step(uint32_t id, mrb_value input) {
    const Task task = fibers[id];
    mrb_value fiber = task.fiber;
    bool http = task.http;
    // Resumed from Ruby (Kiln.__step calls fiber.resume), not with
    // mrb_fiber_resume from C: that path runs the fiber in a nested VM loop,
    // which breaks nested fibers (Enumerators) and instance_eval inside it.
    struct Resume {
      mrb_value kiln, fiber, input;
      mrb_sym step;
    } args{mrb_obj_value(kiln()), fiber, input, step_sym};
    mrb_bool failed = false;
    mrb_value out = mrb_nil_value();
    bool finished = budget->run([&] {
      out = mrb_protect_error(
          mrb,
          [](mrb_state* m, void* ud) {
            auto* a = static_cast<Resume*>(ud);
            mrb_value argv[2] = {a->fiber, a->input};
            return mrb_funcall_argv(m, a->kiln, a->step, 2, argv);
          },
          &args, &failed);
    });

    Step result;
    result.request = id;
    if (!finished) {
      result.payload = "abandoned: " + std::string(http ? "a request" : "an event") + " ran past its CPU budget (" +
                       std::to_string(budget->limit()) +
                       " VM steps) and then past the grace for its ensure clauses and error handlers";
      forget(id);
      return result;
    }
    if (failed) {
      // Only reachable through a runtime bug: the DSL rescues everything.
      mrb->c = mrb->root_c;
      mrb->exc = mrb_obj_ptr(out);
      result.kind = Step::Failed;
      result.payload = take_exception();
      forget(id);
      return result;
    }
    codec::Writer w;
    if (mrb_test(mrb_fiber_alive_p(mrb, fiber))) {
      result.kind = Step::Await;
      if (!encode(out, w, result)) return result;
      result.payload = w.take();
      return result;
    }
    if (!http) {
      result.kind = Step::Done;
      if (encode(out, w, result)) result.payload = w.take();
      forget(id);
      return result;
    }
    forget(id);
    result.kind = Step::Done;
    // nil: the request failed and Ruby has logged why (Kiln.request_fiber).
    std::string problem = mrb_nil_p(out) ? "" : write_response(mrb, out, w);
    if (!problem.empty()) log_line(problem);
    result.payload = mrb_nil_p(out) || !problem.empty() ? internal_error_response(task.head) : w.take();
    return result;
  }

  // Encodes an await operation; on failure the request is dropped.
  bool encode(mrb_value op, codec::Writer& w, Step& result) {
    struct Enc {
      mrb_value v;
      codec::Writer* w;
    } e{op, &w};
    mrb_bool failed = false;
    mrb_value exc = mrb_protect_error(
        mrb,
        [](mrb_state* m, void* ud) {
          auto* x = static_cast<Enc*>(ud);
          codec::from_ruby(m, x->v, *x->w);
          return mrb_nil_value();
        },
        &e, &failed);
    if (!failed) return true;
    mrb->exc = mrb_obj_ptr(exc);
    result.kind = Step::Failed;
    result.payload = "cannot pass a value to JS: " + take_exception();
    forget(result.request);
    return false;
  }
};

Runtime::Runtime() : impl_(new Impl) {
  mrb_state* mrb = impl_->mrb = mrb_open();
  impl_->step_sym = mrb_intern_lit(mrb, "__step");
  impl_->request_fiber_sym = mrb_intern_lit(mrb, "request_fiber");
  impl_->event_fiber_sym = mrb_intern_lit(mrb, "event_fiber");
  impl_->budget = std::make_unique<CpuBudget>(mrb);
  mrb_define_method(mrb, mrb_class_get(mrb, "BasicObject"), "!=", not_equal, MRB_ARGS_REQ(1));
  define_pattern(mrb);
  define_text(mrb);
  define_json(mrb);
  define_crypto(mrb);
  define_multipart(mrb);
  define_regexp(mrb);
  define_response(mrb);
  mrb_define_module_function(mrb, mrb_define_module(mrb, "Kiln"), "__log_error", log_error, MRB_ARGS_REQ(1));
  mrb_define_module_function(mrb, mrb_define_module(mrb, "Kiln"), "__blocking_method", blocking_method, MRB_ARGS_NONE());
  mrb_define_module_function(mrb, mrb_define_module(mrb, "Kiln"), "__cpu_budget=", set_cpu_budget, MRB_ARGS_REQ(1));
  define_loader(mrb, &impl_->bundle);
  mrb_load_irep(mrb, kiln_dsl);
  if (mrb->exc) {
    // The DSL is ours and compiled in; failing here is a build defect.
    mrb_print_error(mrb);
    mrb->exc = nullptr;
  }
}

Runtime::~Runtime() {
  impl_->budget.reset();
  mrb_close(impl_->mrb);
}

std::string Runtime::boot(std::string_view bundle, std::string_view config) {
  mrb_state* mrb = impl_->mrb;
  int arena = mrb_gc_arena_save(mrb);
  mrb_value cfg;
  try {
    impl_->bundle.parse(bundle);
    codec::Reader in(config);
    cfg = codec::to_ruby(mrb, in);
  } catch (const codec::Error& e) {
    mrb_gc_arena_restore(mrb, arena);
    return std::string("invalid bundle or config: ") + e.what();
  }
  mrb_value main = mrb_str_new(mrb, impl_->bundle.main().data(), static_cast<mrb_int>(impl_->bundle.main().size()));
  // Loading the app is budgeted too: an endless loop at the top of app.rb
  // is a boot error, not a hung isolate.
  bool finished = impl_->budget->run([&] { mrb_funcall(mrb, mrb_obj_value(impl_->kiln()), "boot", 2, main, cfg); });
  std::string error = !finished ? "loading the app ran past its CPU budget and the grace after it"
                      : mrb->exc ? impl_->take_exception() : "";
  mrb_gc_arena_restore(mrb, arena);
  return error;
}

Step Runtime::start(std::string_view request) {
  return impl_->start(request, "request", impl_->request_fiber_sym, true, build_env);
}

Step Runtime::start_event(std::string_view event) {
  return impl_->start(event, "event", impl_->event_fiber_sym, false, codec::to_ruby);
}

Step Runtime::resume(uint32_t request, std::string_view outcome) {
  mrb_state* mrb = impl_->mrb;
  Step result;
  result.request = request;
  auto it = impl_->fibers.find(request);
  if (it == impl_->fibers.end()) {
    result.payload = "no request " + std::to_string(request) + " is waiting";
    return result;
  }
  int arena = mrb_gc_arena_save(mrb);
  mrb_value value;
  try {
    codec::Reader in(outcome);
    value = codec::to_ruby(mrb, in);
  } catch (const codec::Error& e) {
    // Resume with a failure so the route sees an exception, not a hang.
    value = mrb_ary_new(mrb);
    mrb_ary_push(mrb, value, mrb_false_value());
    mrb_value err = mrb_hash_new(mrb);
    mrb_hash_set(mrb, err, mrb_str_new_lit(mrb, "name"), mrb_str_new_lit(mrb, "TypeError"));
    mrb_hash_set(mrb, err, mrb_str_new_lit(mrb, "message"), mrb_str_new_cstr(mrb, e.what()));
    mrb_ary_push(mrb, value, err);
  }
  result = impl_->step(request, value);
  mrb_gc_arena_restore(mrb, arena);
  return result;
}

void Runtime::cancel(uint32_t request) { impl_->forget(request); }

size_t Runtime::pending() const { return impl_->fibers.size(); }

}  // namespace kiln
