# Hash#update (CRuby's alias of merge!) where the mruby build lacks it (a
# CRuby core extension: see ruby/kiln/boot/core_ext/enumerable.rb).
class Hash
  alias update merge! unless method_defined?(:update)
end
