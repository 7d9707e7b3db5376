# The fixture app of tests/node/ktest.test.mjs: `kiln test` runs test/ against it.
require 'sinatra'

enable :sessions

get '/' do
  "#{ENV['GREETING']} from #{settings.environment}"
end

post '/login' do
  halt 422, 'name missing' if params[:name].to_s.empty?
  session[:user] = params[:name]
  redirect '/me'
end

get '/me' do
  user = session[:user] or halt 401, 'not logged in'
  "You are #{user}"
end

post '/logout' do
  session.clear
  redirect '/'
end

get '/count' do
  n = bindings.KV.get('count').to_i + 1
  bindings.KV.put('count', n.to_s)
  n.to_s
end

post '/items' do
  bindings.DB.exec('CREATE TABLE IF NOT EXISTS items (name TEXT)')
  bindings.DB.prepare('INSERT INTO items (name) VALUES (?)').bind(params[:name]).run
  status 201
  json ok: true
end

get '/items' do
  bindings.DB.exec('CREATE TABLE IF NOT EXISTS items (name TEXT)')
  json bindings.DB.prepare('SELECT name FROM items ORDER BY name').all[:results].map { |r| r[:name] }
end

get '/echo' do
  content_type :json
  JSON.generate(query: request.query_string, agent: request.user_agent, api_key: env['HTTP_X_API_KEY'])
end

put '/raw' do
  "#{request.content_type}: #{request.body.read}"
end

get '/later' do
  wait_until { bindings.KV.put('later', 'done') }
  'scheduled'
end

get '/boom' do
  raise ArgumentError, 'kaboom'
end

put '/files/:name' do
  bindings.FILES.put(params[:name], request.body.read)
  'stored'
end

get '/files/:name' do
  object = bindings.FILES.get(params[:name]) or halt 404
  object.text
end

# A Durable Object: a count in its storage and one in memory.
class Counter < Kiln::DurableObject
  def bump
    @seen = (@seen || 0) + 1
    n = (storage.get('n') || 0) + 1
    storage.put('n', n)
    [n, @seen]
  end
end

get '/counter' do
  json bindings.COUNTER.get_by_name('one').call(:bump)
end

helpers do
  def json(value)
    content_type :json
    JSON.generate(value)
  end
end

# Background work a test reaches with drain_queues, run_cron, run_alarms,
# and outbound HTTP it answers with stub_fetch.
post '/jobs' do
  bindings.JOBS.send({ 'n' => params[:n].to_i })
  'queued'
end

consume_queue 'fixture-jobs' do |batch|
  batch.messages.each { |m| bindings.KV.put("job:#{m.body['n']}", 'done') }
end

schedule '*/5 * * * *' do
  bindings.KV.put('cron', 'ran')
end

class Reminder < Kiln::DurableObject
  def arm
    storage.set_alarm(Time.now + 3600)
    nil
  end

  def alarm
    storage.put('rang', true)
  end

  def rang? = storage.get('rang') == true
end

get '/reminder' do
  stub = bindings.REMINDER.get_by_name('r')
  stub.call(:arm)
  'armed'
end

get '/weather' do
  r = fetch('https://api.weather.test/today?city=paris', headers: { 'accept' => 'application/json' })
  "#{r.status} #{r.json['sky']}"
end
