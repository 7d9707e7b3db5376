# `require 'bundler'` (bundled when a source names Bundler): the build did
# Bundler's work. Bundler.setup does nothing; Bundler.require(*groups)
# requires the Gemfile's gems of those groups (default: :default), as the
# build read them into kiln/gemfile.rb (js/cli/build/build.js) after
# checking each is something Kiln has (js/cli/build/requires.js).
module Bundler
  class << self
    def setup(*_groups)
      self
    end

    def require(*groups)
      groups = [:default] if groups.empty?
      Kiln::Loader.require('kiln/gemfile') if Kiln.__bundled?('kiln/gemfile.rb')
      table = const_defined?(:GEMFILE_GROUPS) ? GEMFILE_GROUPS : {}
      groups.flatten.flat_map { |g| table[g.to_s] || [] }.uniq.each { |name| Kiln::Loader.require(name) }
    end

    def root
      '.'
    end

    def env
      ENV
    end
  end
end
