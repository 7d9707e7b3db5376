# `require 'ostruct'`: OpenStruct, as CRuby's (a Hash of Symbol keys with
# readers and writers answered by method_missing; mruby has no
# define_singleton_method per instance cheaply, so every access goes there).
class OpenStruct
  def initialize(hash = nil)
    @table = {}
    hash.each_pair { |k, v| @table[k.to_sym] = v } if hash
  end

  def [](name) @table[name.to_sym] end
  def []=(name, value) @table[name.to_sym] = value end
  def to_h(&block) block ? @table.to_h(&block) : @table.dup end
  def each_pair(&block) block ? (@table.each_pair(&block); self) : @table.each_pair end
  def dig(name, *rest) (v = @table[name.to_sym]).nil? || rest.empty? ? v : v.dig(*rest) end
  def delete_field(name, &block)
    sym = name.to_sym
    return @table.delete(sym) if @table.key?(sym)
    block ? yield : raise(NameError, "no field `#{sym}' in #{self}")
  end

  def respond_to_missing?(name, include_private = false)
    @table.key?(name.to_s.chomp('=').to_sym) || super
  end

  def respond_to?(name, include_all = false)
    @table.key?(name.to_s.chomp('=').to_sym) || super
  end

  def method_missing(name, *args)
    n = name.to_s
    if n.end_with?('=')
      raise ArgumentError, "wrong number of arguments (given #{args.size}, expected 1)" unless args.size == 1
      @table[n.chomp('=').to_sym] = args[0]
    elsif args.empty?
      @table[name]
    else
      super
    end
  end

  def ==(other) other.is_a?(OpenStruct) && other.to_h == @table end
  def eql?(other) self == other end
  def hash; @table.hash; end

  def inspect
    fields = @table.map { |k, v| " #{k}=#{v.inspect}" }.join(',')
    "#<OpenStruct#{fields}>"
  end
  alias to_s inspect

  # JSON.generate(ostruct) / .to_json: its table.
  def to_json(*args) @table.to_json(*args) end
  def as_json(*) @table end
end
