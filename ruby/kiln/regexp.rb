# The Ruby side of Regexp (the engine and its primitives are C++:
# src/regexp/match.cpp, src/regexp/regexp_ruby.cpp). Offsets inside are bytes; every
# position a user sees is in characters, as in CRuby.
module Kiln
  # A default value no caller passes (String#[] below).
  NO_ARGUMENT = Object.new.freeze
end

class Regexp
  class << self
    alias quote escape

    def union(*patterns)
      patterns = patterns[0] if patterns.size == 1 && patterns[0].is_a?(Array)
      return new('(?!)') if patterns.empty?
      return patterns[0] if patterns.size == 1 && patterns[0].is_a?(Regexp)
      new(patterns.map { |p| p.is_a?(Regexp) ? p.to_s : escape(p) }.join('|'))
    end

    def last_match(n = nil)
      n.nil? || $~.nil? ? $~ : $~[n]
    end
  end

  # dup/clone copy no C data: compile the copy from the original.
  def initialize_copy(other)
    initialize(other)
  end

  def ===(other)
    return false unless other.is_a?(String) || other.is_a?(Symbol)
    !match(other).nil?
  end

  def names
    __name_table.keys
  end

  def named_captures
    __name_table
  end

  def casefold?
    options & IGNORECASE != 0
  end

  def ==(other)
    other.is_a?(Regexp) && source == other.source && options == other.options
  end
  alias eql? ==

  def hash
    source.hash ^ options
  end

  def to_s
    on = __flags(options)
    off = __flags(~options & 7)
    "(?#{on}#{off.empty? ? '' : "-#{off}"}:#{source})"
  end

  def inspect
    "/#{source.gsub(/\\.|\//) { |s| s == '/' ? '\\/' : s }}/#{__flags(options)}"
  end

  private

  def __flags(o)
    f = ''
    f += 'm' if o & MULTILINE != 0
    f += 'i' if o & IGNORECASE != 0
    f += 'x' if o & EXTENDED != 0
    f
  end
end

class MatchData
  attr_reader :regexp, :string

  def size
    @offsets.size / 2
  end
  alias length size

  def [](index, len = nil)
    return to_a[index, len] if len
    return to_a[index] if index.is_a?(Range)
    g = __group(index, false)
    g && __text(g)
  end

  def begin(n)
    b = @offsets[2 * __group(n, true)]
    b < 0 ? nil : @string.__byte_to_char(b)
  end

  def end(n)
    e = @offsets[2 * __group(n, true) + 1]
    e < 0 ? nil : @string.__byte_to_char(e)
  end

  def offset(n)
    [self.begin(n), self.end(n)]
  end

  def byteoffset(n)
    g = __group(n, true)
    b = @offsets[2 * g]
    b < 0 ? [nil, nil] : [b, @offsets[2 * g + 1]]
  end

  def to_a
    a = []
    i = 0
    n = size
    while i < n
      a << __text(i)
      i += 1
    end
    a
  end

  def captures
    to_a[1..-1]
  end

  def names
    @regexp.names
  end

  def named_captures
    h = {}
    @regexp.__name_table.each_key { |name| h[name] = self[name] }
    h
  end

  def pre_match
    @string.byteslice(0, @offsets[0])
  end

  def post_match
    @string.byteslice(@offsets[1], @string.bytesize - @offsets[1])
  end

  def to_s
    __text(0)
  end

  def values_at(*indexes)
    indexes.map { |i| self[i] }
  end

  def ==(other)
    other.is_a?(MatchData) && @regexp == other.regexp && @string == other.string &&
      @offsets == other.__offsets
  end
  alias eql? ==

  def __offsets
    @offsets
  end

  def inspect
    s = "#<MatchData #{self[0].inspect}"
    table = @regexp.__name_table
    if table.empty?
      i = 1
      while i < size
        s += " #{i}:#{__text(i).inspect}"
        i += 1
      end
    else
      table.each_key { |name| s += " #{name}:#{self[name].inspect}" }
    end
    s + '>'
  end

  private

  def __text(g)
    b = @offsets[2 * g]
    b < 0 ? nil : @string.byteslice(b, @offsets[2 * g + 1] - b)
  end

  # The group number of an index or name; for a name given to several
  # groups, the last one that matched. Out-of-range integers give nil (or
  # IndexError when strict), unknown names always raise.
  def __group(index, strict)
    if index.is_a?(String) || index.is_a?(Symbol)
      groups = @regexp.__name_table[index.to_s]
      raise IndexError, "undefined group name reference: #{index}" unless groups
      found = groups[0]
      groups.each { |g| found = g if @offsets[2 * g] >= 0 }
      return found
    end
    raise TypeError, "no implicit conversion of #{index.class} into Integer" unless index.is_a?(Integer)
    g = index < 0 && !strict ? index + size : index
    return nil if index < 0 && g == 0 # CRuby: a negative index never reaches group 0
    return g if g >= 0 && g < size
    raise IndexError, "index #{index} out of matches" if strict
    nil
  end
end

# String's Regexp-taking methods: they wrap the Regexp engine above, so they
# stay with it rather than in boot/core_ext/ (which never calls into Kiln).
class String
  alias __kiln_sub sub
  alias __kiln_sub! sub!
  alias __kiln_gsub gsub
  alias __kiln_gsub! gsub!
  alias __kiln_split split
  alias __kiln_index index
  alias __kiln_aref []
  alias __kiln_start_with? start_with?
  alias __kiln_partition partition
  alias __kiln_rpartition rpartition

  def =~(other)
    raise TypeError, 'type mismatch: String given' if other.is_a?(String)
    return nil if other.nil?
    other =~ self
  end

  def match(pattern, pos = 0, &block)
    __regexp(pattern, false).match(self, pos, &block)
  end

  def match?(pattern, pos = 0)
    __regexp(pattern, false).match?(self, pos)
  end

  def sub(*args, &block)
    pattern, replacement = *args
    if pattern.is_a?(String) && !replacement.is_a?(Hash)
      return block ? __kiln_sub(*args, &block) : __kiln_sub(*args)
    end
    __check_replacement(args, block)
    m = __regexp(pattern, true).__match(self, 0, 1)
    return dup unless m
    offsets = m.__offsets
    byteslice(0, offsets[0]) + __replacement(m, replacement, block) +
      byteslice(offsets[1], bytesize - offsets[1])
  end

  def sub!(*args, &block)
    pattern, replacement = *args
    if pattern.is_a?(String) && !replacement.is_a?(Hash)
      return block ? __kiln_sub!(*args, &block) : __kiln_sub!(*args)
    end
    result = sub(*args, &block)
    $~ ? replace(result) : nil
  end

  def gsub(*args, &block)
    pattern, replacement = *args
    return to_enum(:gsub, *args) if args.size == 1 && !block
    if pattern.is_a?(String) && !replacement.is_a?(Hash)
      return block ? __kiln_gsub(*args, &block) : __kiln_gsub(*args)
    end
    __check_replacement(args, block)
    re = __regexp(pattern, true)
    out = ''
    pos = 0
    last = 0
    matched = nil
    len = bytesize
    while pos <= len && (m = re.__match(self, pos, 2))
      matched = m
      b, e = m.__offsets
      out << byteslice(last, b - last)
      out << __replacement(m, replacement, block)
      last = e
      if b == e
        break if e >= len
        pos = __next_char_byte(e)
        out << byteslice(e, pos - e)
        last = pos
      else
        pos = e
      end
    end
    Regexp.__set_last_match(nil) unless matched
    out + byteslice(last, len - last)
  end

  def gsub!(*args, &block)
    return to_enum(:gsub!, *args) if args.size == 1 && !block
    pattern, replacement = *args
    if pattern.is_a?(String) && !replacement.is_a?(Hash)
      return block ? __kiln_gsub!(*args, &block) : __kiln_gsub!(*args)
    end
    result = gsub(*args, &block)
    $~ ? replace(result) : nil
  end

  def scan(pattern, &block)
    re = __regexp(pattern, true)
    result = []
    pos = 0
    len = bytesize
    while pos <= len && (m = re.__match(self, pos, 1))
      b, e = m.__offsets
      item = m.size == 1 ? m[0] : m.captures
      if block
        block.call(item)
        # The block may have matched other regexps: $~ is this match again.
        Regexp.__set_last_match(m)
      else
        result << item
      end
      pos = b == e ? __next_char_byte(e) : e
    end
    block ? self : result
  end

  # CRuby's algorithm (string.c rb_str_split_m), on byte offsets.
  def split(*args, &block)
    pattern, limit = *args
    return __kiln_split(*args, &block) unless pattern.is_a?(Regexp)
    result = __split_regexp(pattern, limit || 0)
    return result unless block
    result.each(&block)
    self
  end

  def __split_regexp(pattern, limit)
    return [] if empty?
    return [dup] if limit == 1
    result = []
    len = bytesize
    beg = 0
    start = 0
    last_null = false
    count = 1
    while (m = pattern.__match(self, start, 0))
      offsets = m.__offsets
      mbeg = offsets[0]
      mend = offsets[1]
      if start == mbeg && mbeg == mend
        if last_null
          result << byteslice(beg, __next_char_byte(beg) - beg)
          beg = start
        else
          start = __next_char_byte(start)
          last_null = true
          next
        end
      else
        result << byteslice(beg, mbeg - beg)
        beg = start = mend
      end
      last_null = false
      g = 1
      while g < m.size
        result << byteslice(offsets[2 * g], offsets[2 * g + 1] - offsets[2 * g]) if offsets[2 * g] >= 0
        g += 1
      end
      count += 1
      break if limit > 0 && limit <= count
    end
    result << byteslice(beg, len - beg) if len > 0 && (limit != 0 || len > beg)
    result.pop while limit == 0 && !result.empty? && result[-1].empty?
    result
  end

  def index(pattern, pos = 0)
    return __kiln_index(pattern, pos) unless pattern.is_a?(Regexp)
    m = pattern.match(self, pos)
    m && m.begin(0)
  end

  # (No *args: a splat is an Array per call, and str[i, n] is everywhere.)
  def [](pattern, capture = Kiln::NO_ARGUMENT)
    unless pattern.is_a?(Regexp)
      return Kiln::NO_ARGUMENT.equal?(capture) ? __kiln_aref(pattern) : __kiln_aref(pattern, capture)
    end
    m = pattern.match(self)
    m && m[Kiln::NO_ARGUMENT.equal?(capture) || !capture ? 0 : capture]
  end
  alias slice []

  def start_with?(*prefixes)
    # One String prefix (nearly every call): straight to the C method.
    return __kiln_start_with?(prefixes[0]) if prefixes.size == 1 && !prefixes[0].is_a?(Regexp)
    prefixes.any? do |p|
      if p.is_a?(Regexp)
        !p.__match(self, 0, 1, true).nil?
      else
        __kiln_start_with?(p)
      end
    end
  end

  def partition(pattern)
    return __kiln_partition(pattern) unless pattern.is_a?(Regexp)
    m = pattern.match(self)
    m ? [m.pre_match, m[0], m.post_match] : [dup, '', '']
  end

  # The last position where the pattern matches, as CRuby's backward search.
  def rpartition(pattern)
    return __kiln_rpartition(pattern) unless pattern.is_a?(Regexp)
    pos = bytesize
    while pos >= 0
      m = pattern.__match(self, pos, 2, true)
      return [m.pre_match, m[0], m.post_match] if m
      pos -= 1
      pos -= 1 while pos > 0 && (getbyte(pos) & 0xC0) == 0x80
    end
    Regexp.__set_last_match(nil)
    ['', '', dup]
  end

  private

  # A String pattern is a literal for sub/gsub/scan, a regexp source for match.
  def __regexp(pattern, literal)
    return pattern if pattern.is_a?(Regexp)
    pattern = pattern.to_s if pattern.is_a?(Symbol)
    raise TypeError, "wrong argument type #{pattern.class} (expected Regexp)" unless pattern.is_a?(String)
    Regexp.new(literal ? Regexp.escape(pattern) : pattern)
  end

  def __check_replacement(args, block)
    if args.size == 1 && !block
      raise ArgumentError, "wrong number of arguments (given 1, expected 2)"
    end
    return if args.size <= 2 && !args.empty?
    raise ArgumentError, "wrong number of arguments (given #{args.size}, expected 1..2)"
  end

  def __replacement(m, replacement, block)
    return replacement[m[0]].to_s if replacement.is_a?(Hash)
    unless replacement.nil? && block
      raise TypeError, "no implicit conversion of #{replacement.class} into String" unless replacement.is_a?(String)
      return __expand(replacement, m)
    end
    value = block.call(m[0]).to_s
    Regexp.__set_last_match(m)
    value
  end

  # \0 \& \1..\9 \k<name> \` \' \\ in a replacement string.
  def __expand(repl, m)
    return repl unless repl.__kiln_index('\\')
    out = ''
    i = 0
    while (j = repl.__kiln_index('\\', i))
      out << repl.__kiln_aref(i, j - i)
      c = repl.__kiln_aref(j + 1)
      i = j + 2
      case c
      when '0', '&' then out << m[0]
      when '1', '2', '3', '4', '5', '6', '7', '8', '9'
        out << m[c.to_i].to_s if c.to_i < m.size
      when '`' then out << m.pre_match
      when "'" then out << m.post_match
      when '\\' then out << '\\'
      when 'k'
        close = repl.__kiln_aref(j + 2) == '<' && repl.__kiln_index('>', j + 3)
        if close
          out << m[repl.__kiln_aref(j + 3, close - j - 3)].to_s
          i = close + 1
        else
          out << '\\k'
        end
      when nil
        out << '\\'
        i = j + 1
      else
        out << '\\' + c
      end
    end
    out + repl.__kiln_aref(i, repl.size - i).to_s
  end
end
