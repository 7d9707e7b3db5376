# ENV, which mruby 3.1 lacks (a CRuby core extension: see
# ruby/kiln/boot/core_ext/enumerable.rb). A Worker has no process environment:
# Kiln.boot (ruby/kiln/boot/boot.rb) fills this Hash from wrangler.toml [vars]
# and .dev.vars.
ENV = {} unless Object.const_defined?(:ENV)
