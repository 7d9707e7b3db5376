# Kiln::Bytes: a binary String. mruby 3.1 (MRB_UTF8_STRING) has no binary
# encoding flag, so without a type of its own a String's meaning would
# depend on its content: the bridge codec (src/core/codec.cpp) sends a plain
# String as text whenever its bytes happen to be valid UTF-8. A Kiln::Bytes
# is always sent as bytes (a Uint8Array in JS: a binary WebSocket frame, a
# BLOB column), and bytes that JS hands to Ruby (R2 bodies, KV :binary
# reads, Web Crypto results...) arrive as Kiln::Bytes. The rules, like
# CRuby's ASCII-8BIT strings (docs/guide/binary.md):
#   - "abc".b makes one (a copy); #binary? is true only for Kiln::Bytes.
#   - It is a String: ==, eql?, hash compare content, so "abc".b == "abc".
#   - Sizes and indexes are in bytes: length, size, [], slice, byteslice.
#   - Kept by [], slice, byteslice, b, dup, clone, to_s and by in-place
#     edits (<<, concat, replace...): build binary with buf = "".b; buf << x.
#     Everything else builds a plain String: +, *, interpolation, gsub,
#     split... (+ cannot be overridden: mruby's VM adds two Strings itself).
#   - String.new(bytes) is the way back to text (no copy of the bytes).
#   - As a Hash key it stays Kiln::Bytes only when frozen: mruby copies an
#     unfrozen String key into a plain String.
module Kiln
  class Bytes < String
    ESCAPES = { 0x22 => '\\"', 0x5c => '\\\\', 0x0a => '\\n', 0x0d => '\\r', 0x09 => '\\t', 0x0c => '\\f',
                0x0b => '\\v', 0x08 => '\\b', 0x07 => '\\a', 0x1b => '\\e' }.freeze

    def binary?; true; end
    def b; Bytes.new(self); end
    # Itself, not a String copy (mruby's String#to_s on a subclass): bindings
    # call to_s on what they send, and a Kiln::Bytes must stay bytes.
    def to_s; self; end
    def to_str; self; end

    def length; bytesize; end
    alias size length

    def byteslice(*args)
      s = super
      s && Bytes.new(s)
    end

    # Integer and Range arguments index bytes; a String or Regexp argument
    # finds that content, as String#[] does.
    def [](*args)
      first = args[0]
      return byteslice(*args) if first.is_a?(Integer) || first.is_a?(Range)
      s = super
      s && Bytes.new(s)
    end
    alias slice []

    # As CRuby shows a binary String: every byte outside printable ASCII as \xNN.
    def inspect
      out = String.new('"')
      each_byte { |c| out << (ESCAPES[c] || (c >= 0x20 && c < 0x7f ? c.chr : format('\\x%02X', c))) }
      out << '"'
    end
  end
end

class String
  def b; Kiln::Bytes.new(self); end
  def binary?; false; end
end
