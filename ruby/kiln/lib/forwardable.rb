# `require 'forwardable'`: def_delegator / def_delegators / delegate, as
# CRuby's (accessor: an instance variable name, a method name, or a constant).
module Forwardable
  def instance_delegate(hash)
    hash.each do |methods, accessor|
      Array(methods).each { |m| def_instance_delegator(accessor, m) }
    end
  end
  alias delegate instance_delegate

  def def_instance_delegators(accessor, *methods)
    methods.each { |m| def_instance_delegator(accessor, m) unless %w[__send__ __id__].include?(m.to_s) }
  end
  alias def_delegators def_instance_delegators

  def def_instance_delegator(accessor, method, ali = method)
    accessor = accessor.to_s
    method = method.to_sym
    define_method(ali.to_sym) do |*args, &block|
      target = if accessor.start_with?('@') then instance_variable_get(accessor)
               elsif accessor =~ /\A[A-Z]/ then Object.const_get(accessor)
               else __send__(accessor)
               end
      target.__send__(method, *args, &block)
    end
    ali.to_sym
  end
  alias def_delegator def_instance_delegator
end

module SingleForwardable
  def def_single_delegator(accessor, method, ali = method)
    accessor = accessor.to_s
    method = method.to_sym
    singleton_class.__send__(:define_method, ali.to_sym) do |*args, &block|
      target = accessor.start_with?('@') ? instance_variable_get(accessor) : __send__(accessor)
      target.__send__(method, *args, &block)
    end
  end
  alias def_delegator def_single_delegator

  def def_single_delegators(accessor, *methods)
    methods.each { |m| def_single_delegator(accessor, m) }
  end
  alias def_delegators def_single_delegators
end
