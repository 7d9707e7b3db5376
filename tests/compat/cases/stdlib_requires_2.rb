# compat: stdlib/requires_more  (source: requires of Sinatra apps: uri, cgi, erb, logger, ostruct, pp, set, tilt, rack)
#
# request: GET /
# expect-status: 200
# expect-body: ok
require 'sinatra'
require 'uri'
require 'cgi'
require 'erb'
require 'logger'
require 'ostruct'
require 'pp'
require 'set'
require 'tilt/erubis'
require 'rack'
require 'rack/utils'
get('/') { 'ok' }
