# Enumerable#sum and Array#sum, which CRuby has and mruby 3.1 lacks.
# (ruby/kiln/boot/core_ext/: CRuby core behaviour the Sinatra apps Kiln runs
# expect, one file per core class; nothing here calls into Kiln.)
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
