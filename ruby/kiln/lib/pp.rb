# `require 'pp'`: Kernel#pp (CRuby loads it on first use; mruby has none).
# Pretty-printing is inspect, one object a line, to $stdout (the console).
module Kernel
  def pp(*objs)
    objs.each { |o| puts o.inspect }
    objs.size <= 1 ? objs.first : objs
  end
  private :pp
end

class Object
  def pretty_inspect
    "#{inspect}\n"
  end
end
