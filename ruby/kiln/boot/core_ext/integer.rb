# Integer#odd? and #even? where the mruby build lacks them (a CRuby core
# extension: see ruby/kiln/boot/core_ext/enumerable.rb).
class Integer
  def odd?; self % 2 == 1; end unless method_defined?(:odd?)
  def even?; self % 2 == 0; end unless method_defined?(:even?)
end
