# compat: stdlib/requires_common  (source: the header of a typical public Sinatra app: rubygems, bundler/setup, sinatra/reloader, the stdlib)
#
# request: GET /
# expect-status: 200
# expect-body: ok
require 'rubygems'
require 'bundler/setup'
require 'sinatra'
require 'sinatra/reloader' if development?
require 'json'
require 'json/ext'
require 'time'
require 'date'
require 'securerandom'
require 'digest'
require 'base64'
configure :development do
  register Sinatra::Reloader
end
get('/') { 'ok' }
