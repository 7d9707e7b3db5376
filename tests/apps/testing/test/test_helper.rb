# Shared by the tests: loaded with require 'test_helper', as under ruby -Itest.
require 'minitest/autorun'
require 'rack/test'

module LoginHelper
  def login(name)
    post '/login', name: name
    follow_redirect!
  end
end
