# MessagePack (https://github.com/msgpack/msgpack/blob/master/spec.md) for
# Kiln apps: `require 'msgpack'`, then MessagePack.pack(obj) / obj.to_msgpack
# and MessagePack.unpack(bytes). An optional library (js/cli/build/libraries.js
# bundles it only into apps that require it), pure Ruby over mruby-pack's
# C unpack/pack; docs/guide/msgpack.md is its guide, tests/node/msgpack.test.mjs
# and fuzz/msgpack.cpp its tests.
#
# Types: nil, true, false; Integer <-> int (the smallest format that holds
# it, so output is byte-exact with other minimal encoders; a uint64 above
# 2**63-1 does not fit mruby's Integer and raises UnpackError); Float ->
# float64, float32 and float64 -> Float; String and Symbol -> str, str ->
# String; Kiln::Bytes (String#b) <-> bin; Array <-> array; Hash <-> map;
# Time <-> the timestamp extension (type -1, to mruby Time's microseconds);
# any other ext <-> MessagePack::ExtensionValue(type, payload).
#
# Unpacking untrusted input: every declared length or count is checked
# against the bytes left BEFORE anything is built (so nothing allocated is
# larger than the input), nesting deeper than max_depth raises StackError,
# an array or map of more than max_collection entries raises LimitError, and
# anything else that is not one whole MessagePack value (truncation, the
# unused 0xc1, trailing bytes, a bad timestamp) raises MalformedFormatError.
module MessagePack
  # The msgpack gem's names, so `rescue MessagePack::UnpackError` ports.
  class UnpackError < StandardError; end
  class MalformedFormatError < UnpackError; end
  # Over a limit the caller set (max_collection); StackError is max_depth's.
  class LimitError < UnpackError; end
  class StackError < LimitError; end

  ExtensionValue = Struct.new(:type, :payload)
  TIMESTAMP = -1

  DEFAULT_MAX_DEPTH = 32
  DEFAULT_MAX_COLLECTION = 1 << 20
  # Packing follows no input, but a cyclic Array or Hash must not recurse
  # until the VM's stack runs out.
  MAX_PACK_DEPTH = 512

  class << self
    # The MessagePack encoding of obj, as Kiln::Bytes (sent as binary:
    # ws.send(MessagePack.pack(frame)) is a binary frame).
    def pack(obj)
      Encoder.new.write(obj, 0)
    end
    alias dump pack

    # The one value in bytes (a String; Kiln::Bytes or not).
    def unpack(bytes, max_depth: DEFAULT_MAX_DEPTH, max_collection: DEFAULT_MAX_COLLECTION, symbolize_keys: false)
      raise TypeError, "MessagePack.unpack needs a String, not #{bytes.class}" unless bytes.is_a?(String)
      Decoder.new(bytes, max_depth, max_collection, symbolize_keys).document
    end
    alias load unpack
  end

  # Writes values into a Kiln::Bytes buffer. Each value picks its writer
  # itself (__msgpack, defined per class at the end of this file): one
  # method call per value, where a chain of is_a? tests would be several.
  class Encoder
    # Every 1-byte string, frozen: a fixint or fix header costs no pack.
    BYTE = Array.new(256) { |i| [i].pack('C').freeze }.freeze

    def initialize
      @out = Kiln::Bytes.new
    end

    def write(obj, depth)
      obj.__msgpack(self, depth)
      @out
    end

    def byte(b) @out << BYTE[b] end

    def float(f) @out << [0xcb, f].pack('CG') end

    def array(a, depth)
      deeper(depth)
      header(a.size, 0x90, 0xdc, 0xdd)
      depth += 1
      a.each { |v| v.__msgpack(self, depth) }
    end

    def map(h, depth)
      deeper(depth)
      header(h.size, 0x80, 0xde, 0xdf)
      depth += 1
      h.each do |k, v|
        k.__msgpack(self, depth)
        v.__msgpack(self, depth)
      end
    end

    # Anything else: ext values, Time, objects with their own to_msgpack.
    def other(obj, depth)
      if obj.is_a?(ExtensionValue) then ext(obj.type, obj.payload)
      elsif obj.is_a?(Time) then timestamp(obj)
      elsif obj.respond_to?(:to_msgpack) then @out << obj.to_msgpack
      else
        raise TypeError, "can't pack #{obj.class} as MessagePack (nil, true, false, Integer, Float, String, " \
                         'Kiln::Bytes, Symbol, Array, Hash, Time, MessagePack::ExtensionValue)'
      end
    end

    def deeper(depth)
      raise ArgumentError, "MessagePack.pack: nested deeper than #{MAX_PACK_DEPTH} levels (a cycle?)" if depth >= MAX_PACK_DEPTH
    end

    def int(v)
      if v >= 0
        if v < 0x80 then @out << BYTE[v]
        elsif v < 0x100 then @out << BYTE[0xcc] << BYTE[v]
        elsif v < 0x10000 then @out << [0xcd, v].pack('Cn')
        elsif v < 0x100000000 then @out << [0xce, v].pack('CN')
        else @out << [0xcf, v].pack('CQ>')
        end
      elsif v >= -32 then @out << BYTE[v & 0xff]
      elsif v >= -0x80 then @out << BYTE[0xd0] << BYTE[v & 0xff]
      elsif v >= -0x8000 then @out << [0xd1, v].pack('Cs>')
      elsif v >= -0x80000000 then @out << [0xd2, v].pack('Cl>')
      else @out << [0xd3, v].pack('Cq>')
      end
    end

    # fix / 16-bit / 32-bit headers of arrays and maps.
    def header(n, fix, b16, b32)
      if n < 16 then @out << BYTE[fix | n]
      elsif n < 0x10000 then @out << [b16, n].pack('Cn')
      else @out << [b32, n].pack('CN')
      end
    end

    def str(s) sized(s, 0xa0, 0xd9, 'a String') end
    def bin(s) sized(s, nil, 0xc4, 'Kiln::Bytes') end

    # A str or bin: its header (fix when the family has one, else 8, 16 or
    # 32 bits: b8, b8 + 1, b8 + 2), then the bytes.
    def sized(s, fix, b8, what)
      n = s.bytesize
      if fix && n < 32 then @out << BYTE[fix | n]
      elsif n < 0x100 then @out << BYTE[b8] << BYTE[n]
      elsif n < 0x10000 then @out << [b8 + 1, n].pack('Cn')
      elsif n < 0x100000000 then @out << [b8 + 2, n].pack('CN')
      else raise RangeError, "MessagePack.pack: #{what} of #{n} bytes is over 4 GiB"
      end
      @out << s
    end

    FIXEXT = { 1 => 0xd4, 2 => 0xd5, 4 => 0xd6, 8 => 0xd7, 16 => 0xd8 }.freeze

    def ext(type, payload)
      raise RangeError, "MessagePack ext type #{type.inspect} is not an Integer in -128..127" unless type.is_a?(Integer) && type >= -128 && type <= 127
      payload = payload.to_s
      n = payload.bytesize
      if (fix = FIXEXT[n]) then @out << [fix, type].pack('Cc')
      elsif n < 0x100 then @out << [0xc7, n, type].pack('CCc')
      elsif n < 0x10000 then @out << [0xc8, n, type].pack('Cnc')
      elsif n < 0x100000000 then @out << [0xc9, n, type].pack('CNc')
      else raise RangeError, "MessagePack.pack: an ext payload of #{n} bytes is over 4 GiB"
      end
      @out << payload
    end

    # The spec's smallest of timestamp 32 / 64 / 96.
    def timestamp(t)
      sec = t.to_i
      nsec = t.usec * 1000
      if nsec == 0 && sec >= 0 && sec < 0x100000000 then ext(TIMESTAMP, [sec].pack('N'))
      elsif sec >= 0 && sec < 0x400000000 then ext(TIMESTAMP, [(nsec << 2) | (sec >> 32), sec & 0xffffffff].pack('NN'))
      else ext(TIMESTAMP, [nsec, sec].pack('Nq>'))
      end
    end
  end

  # Reads one whole value from a String, checking before it builds.
  class Decoder
    def initialize(bytes, max_depth, max_collection, symbolize_keys)
      # A plain String view (shared, not copied): Kiln::Bytes#byteslice
      # would wrap every slice.
      @data = bytes.binary? ? String.new(bytes) : bytes
      @pos = 0
      @size = bytes.bytesize
      @max_depth = max_depth
      @max_collection = max_collection
      @symbolize = symbolize_keys
    end

    def document
      value = read(0)
      extra = @size - @pos
      raise MalformedFormatError, "#{extra} extra bytes after the deserialized object" if extra > 0
      value
    end

    private

    def malformed(what)
      raise MalformedFormatError, "#{what} at byte #{@pos} of #{@size}"
    end

    # Checks that n more bytes exist before they are used or allocated.
    def need(n)
      malformed("truncated: #{n} bytes declared, #{@size - @pos} left") if n > @size - @pos
    end

    # One value. Fix formats first (most of a typical document), then an
    # if-tree on the format byte: Integer == and < are VM instructions,
    # where a case/when would call === once per branch tried.
    def read(depth)
      pos = @pos
      malformed('truncated: a value expected, none left') if pos >= @size
      b = @data.getbyte(pos)
      @pos = pos + 1
      return b if b < 0x80
      return b - 0x100 if b >= 0xe0
      return map(b & 0x0f, depth) if b < 0x90
      return array(b & 0x0f, depth) if b < 0xa0
      return slice(b & 0x1f) if b < 0xc0
      if b < 0xd0
        if b < 0xc4
          return nil if b == 0xc0
          return false if b == 0xc2
          return true if b == 0xc3
          @pos = pos
          malformed('0xc1 (never used)')
        end
        return fixed(8, 'G') if b == 0xcb
        return u8 if b == 0xcc
        return u16 if b == 0xcd
        return u32 if b == 0xce
        return u64 if b == 0xcf
        return bin(u8) if b == 0xc4
        return bin(u16) if b == 0xc5
        return bin(u32) if b == 0xc6
        return fixed(4, 'g') if b == 0xca
        ext(b == 0xc7 ? u8 : b == 0xc8 ? u16 : u32)
      elsif b < 0xd9
        return fixed(1, 'c') if b == 0xd0
        return fixed(2, 's>') if b == 0xd1
        return fixed(4, 'l>') if b == 0xd2
        return fixed(8, 'q>') if b == 0xd3
        ext(1 << (b - 0xd4))  # fixext 1, 2, 4, 8, 16
      elsif b < 0xdc
        slice(b == 0xd9 ? u8 : b == 0xda ? u16 : u32)
      elsif b < 0xde
        array(b == 0xdc ? u16 : u32, depth)
      else
        map(b == 0xde ? u16 : u32, depth)
      end
    end

    def u8
      need(1)
      b = @data.getbyte(@pos)
      @pos += 1
      b
    end

    def u16
      need(2)
      d = @data
      p = @pos
      @pos = p + 2
      (d.getbyte(p) << 8) | d.getbyte(p + 1)
    end

    def u32
      fixed(4, 'N')
    end

    def u64
      v = fixed(8, 'q>')
      return v if v >= 0
      @pos -= 8
      # Valid MessagePack, but no mruby Integer holds it (MRB_INT64, no Bignum).
      raise UnpackError, "uint64 0x#{@data.byteslice(@pos, 8).unpack1('H*')} is over 2**63-1, mruby's largest Integer " \
                         "at byte #{@pos} of #{@size}"
    end

    # A big-endian number of n bytes, by mruby-pack's C unpack.
    def fixed(n, format)
      pos = @pos
      malformed("truncated: #{n} bytes declared, #{@size - pos} left") if n > @size - pos
      @pos = pos + n
      @data.byteslice(pos, n).unpack1(format)
    end

    # n bytes as a String (str's content; bin wraps it).
    def slice(n)
      pos = @pos
      malformed("truncated: #{n} bytes declared, #{@size - pos} left") if n > @size - pos
      @pos = pos + n
      @data.byteslice(pos, n)
    end

    def bin(n)
      Kiln::Bytes.new(slice(n))
    end

    def ext(n)
      type = fixed(1, 'c')
      start = @pos
      payload = bin(n)
      return ExtensionValue.new(type, payload) unless type == TIMESTAMP
      timestamp(payload, start)
    end

    # Before a container is built: its depth, whether the input can hold its
    # entries (each value is at least one byte), then max_collection.
    def collection(n, what, depth, bytes)
      raise StackError, "MessagePack nested deeper than max_depth (#{@max_depth})" if depth >= @max_depth
      malformed("truncated: #{what} of #{n} entries, #{@size - @pos} bytes left") if bytes > @size - @pos
      raise LimitError, "MessagePack #{what} of #{n} entries is over max_collection (#{@max_collection})" if n > @max_collection
    end

    def array(n, depth)
      collection(n, 'array', depth, n)
      a = []
      i = 0
      while i < n
        a << read(depth + 1)
        i += 1
      end
      a
    end

    def map(n, depth)
      collection(n, 'map', depth, n * 2)
      h = {}
      i = 0
      while i < n
        k = read(depth + 1)
        # Frozen keys go into the Hash as they are (a String key would be
        # copied into a plain String, losing Kiln::Bytes).
        k = @symbolize && k.is_a?(String) && !k.binary? ? k.to_sym : k.freeze
        h[k] = read(depth + 1)
        i += 1
      end
      h
    end

    # The timestamp extension, as a UTC Time (mruby's Time keeps
    # microseconds: nanoseconds below that are dropped). Seconds out of the
    # Time's range (32 bits under wasm) stay an ExtensionValue.
    def timestamp(payload, start)
      case payload.bytesize
      when 4 then sec = payload.unpack1('N'); nsec = 0
      when 8
        hi, lo = payload.unpack('NN')
        nsec = hi >> 2
        sec = ((hi & 3) << 32) | lo
      when 12 then nsec, sec = payload.unpack('Nq>')
      else
        @pos = start
        malformed("a timestamp of #{payload.bytesize} bytes (4, 8 or 12)")
      end
      if nsec > 999_999_999
        @pos = start
        malformed("a timestamp with #{nsec} nanoseconds")
      end
      begin
        t = Time.at(sec, nsec / 1000).utc
      rescue ArgumentError, RangeError
        t = nil
      end
      # Kiln's wasm mruby has a 32-bit time_t, where Time.at wraps silently.
      t && t.to_i == sec ? t : ExtensionValue.new(TIMESTAMP, payload)
    end
  end
end

# Each packable class writes itself (Encoder's one call per value), and
# gets to_msgpack. Object's __msgpack takes what has no MessagePack type of
# its own (ExtensionValue, Time, classes with their own to_msgpack).
class Object
  def __msgpack(e, depth) e.other(self, depth) end
end
class NilClass; def __msgpack(e, _) e.byte(0xc0) end; end
class FalseClass; def __msgpack(e, _) e.byte(0xc2) end; end
class TrueClass; def __msgpack(e, _) e.byte(0xc3) end; end
class Integer; def __msgpack(e, _) e.int(self) end; end
class Float; def __msgpack(e, _) e.float(self) end; end
class String; def __msgpack(e, _) e.str(self) end; end
class Kiln::Bytes; def __msgpack(e, _) e.bin(self) end; end
class Symbol; def __msgpack(e, _) e.str(to_s) end; end
class Array; def __msgpack(e, depth) e.array(self, depth) end; end
class Hash; def __msgpack(e, depth) e.map(self, depth) end; end

[NilClass, TrueClass, FalseClass, Integer, Float, String, Symbol, Array, Hash, Time, MessagePack::ExtensionValue].each do |klass|
  klass.class_eval do
    def to_msgpack(*_packer) MessagePack.pack(self) end
  end
end
