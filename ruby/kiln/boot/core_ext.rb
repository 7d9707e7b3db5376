# CRuby methods Sinatra apps commonly use that mruby 3.1 lacks.
module Enumerable
  def sum(init = 0)
    if block_given?
      inject(init) { |acc, x| acc + yield(x) }
    else
      inject(init) { |acc, x| acc + x }
    end
  end
end

class Array
  def sum(init = 0, &block)
    Enumerable.instance_method(:sum).bind(self).call(init, &block)
  end
end

class Integer
  def odd?; self % 2 == 1; end unless method_defined?(:odd?)
  def even?; self % 2 == 0; end unless method_defined?(:even?)
end

class Hash
  alias update merge! unless method_defined?(:update)
end

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
