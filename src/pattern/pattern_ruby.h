// Kiln::Pattern, the Ruby face of pattern.h: Pattern.new(str),
// #match(path) -> [values...] or nil, #names -> [names...].
#pragma once

#include <mruby.h>

namespace kiln {
void define_pattern(mrb_state* mrb);
}
