// Regexp, MatchData and the match globals for Ruby code (mruby has no
// Regexp); the rest of the Ruby API is ruby/kiln/regexp.rb.
#pragma once

#include <mruby.h>

namespace kiln {
void define_regexp(mrb_state* mrb);
}
