# `require 'bundler/setup'`: the build bundled the app's libraries, so
# setting up the load path is nothing to do (ruby/kiln/lib/bundler.rb).
require 'bundler'
