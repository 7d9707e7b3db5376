// Byte-level text helpers the DSL needs on every request (mruby has no
// Regexp and a Ruby loop per character is slow): Kiln::Utils.unescape,
// .unescape_path, .escape, .escape_path, .escape_html.
#pragma once

#include <mruby.h>

namespace kiln {
void define_text(mrb_state* mrb);
}
