# require 'rack': Rack's API as Sinatra apps use it. Rack::Utils,
# Rack::Request, Rack::Response and Rack::Headers are Kiln's own classes (in
# the runtime: ruby/kiln/sinatra/); this completes them and brings the
# builder. The middleware (Rack::ETag, Rack::Auth::Basic, Rack::Session::Cookie...)
# load the way Rack autoloads them: `kiln build` bundles the ones the app
# names, and the loader requires each on first use (Kiln::Loader.autoload).
require 'rack/utils'
require 'rack/request'
require 'rack/response'
require 'rack/builder'

module Rack
  # The Rack API this follows.
  VERSION = '3.2.0'
  RELEASE = VERSION
  def self.release; VERSION; end

  # Rack's env key names, for middleware written against them.
  HTTP_HOST = 'HTTP_HOST'
  HTTP_PORT = 'HTTP_PORT'
  HTTPS = 'HTTPS'
  PATH_INFO = 'PATH_INFO'
  REQUEST_METHOD = 'REQUEST_METHOD'
  REQUEST_PATH = 'REQUEST_PATH'
  SCRIPT_NAME = 'SCRIPT_NAME'
  QUERY_STRING = 'QUERY_STRING'
  SERVER_PROTOCOL = 'SERVER_PROTOCOL'
  SERVER_NAME = 'SERVER_NAME'
  SERVER_PORT = 'SERVER_PORT'
  HTTP_COOKIE = 'HTTP_COOKIE'
  CACHE_CONTROL = 'cache-control'
  CONTENT_LENGTH = 'content-length'
  CONTENT_TYPE = 'content-type'
  ETAG = 'etag'
  EXPIRES = 'expires'
  SET_COOKIE = 'set-cookie'
  GET = 'GET'
  POST = 'POST'
  PUT = 'PUT'
  PATCH = 'PATCH'
  DELETE = 'DELETE'
  HEAD = 'HEAD'
  OPTIONS = 'OPTIONS'
  LINK = 'LINK'
  UNLINK = 'UNLINK'
  TRACE = 'TRACE'
  RACK_VERSION = 'rack.version'
  RACK_TEMPFILES = 'rack.tempfiles'
  RACK_EARLY_HINTS = 'rack.early_hints'
  RACK_ERRORS = 'rack.errors'
  RACK_LOGGER = 'rack.logger'
  RACK_INPUT = 'rack.input'
  RACK_SESSION = 'rack.session'
  RACK_SESSION_OPTIONS = 'rack.session.options'
  RACK_SHOWSTATUS_DETAIL = 'rack.showstatus.detail'
  RACK_URL_SCHEME = 'rack.url_scheme'
  RACK_HIJACK = 'rack.hijack'
  RACK_IS_HIJACK = 'rack.hijack?'
  RACK_RECURSIVE_INCLUDE = 'rack.recursive.include'
  RACK_MULTIPART_BUFFER_SIZE = 'rack.multipart.buffer_size'
  RACK_MULTIPART_TEMPFILE_FACTORY = 'rack.multipart.tempfile_factory'
  RACK_RESPONSE_FINISHED = 'rack.response_finished'
  RACK_REQUEST_FORM_INPUT = 'rack.request.form_input'
  RACK_REQUEST_FORM_HASH = 'rack.request.form_hash'
  RACK_REQUEST_FORM_VARS = 'rack.request.form_vars'
  RACK_REQUEST_COOKIE_HASH = 'rack.request.cookie_hash'
  RACK_REQUEST_COOKIE_STRING = 'rack.request.cookie_string'
  RACK_REQUEST_QUERY_HASH = 'rack.request.query_hash'
  RACK_REQUEST_QUERY_STRING = 'rack.request.query_string'
  RACK_METHODOVERRIDE_ORIGINAL_METHOD = 'rack.methodoverride.original_method'
end
