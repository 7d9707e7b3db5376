# Object#public_send, #then and #yield_self, which mruby 3.1 lacks (a CRuby
# core extension: see ruby/kiln/boot/core_ext/enumerable.rb).
class Object
  def public_send(name, *args, &block)
    raise NoMethodError, "private method '#{name}' called for #{inspect}" unless respond_to?(name)
    send(name, *args, &block)
  end

  def then
    yield self
  end
  alias yield_self then
end
