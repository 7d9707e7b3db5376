# A small JSON API on Kiln: sign up and log in for a JWT, keep notes in D1
# (through the query builder), upload files to R2 (multipart/form-data) and
# follow new notes over Server-Sent Events.
#
#   POST   /signup            {email, password}        -> 201 {id, email}
#   POST   /login             {email, password}        -> {token, expires_in}
#   GET    /me                                         -> {id, email, created_at}
#   GET    /notes             ?q=word                  -> [{id, title, body, created_at}]
#   POST   /notes             {title, body}            -> 201 note
#   GET    /notes/:id, DELETE /notes/:id
#   POST   /files             multipart field "file"   -> 201 {id, filename, content_type, size}
#   GET    /files                                      -> [upload]
#   GET    /files/:id                                  -> the bytes, as uploaded
#   DELETE /files/:id
#   GET    /events            ?after=ID&polls=N        -> text/event-stream of new notes
#
# Every route but /signup and /login wants "Authorization: Bearer TOKEN".
require 'sinatra'
require 'json'
require 'jwt'
require 'sequel'  # Kiln's D1 query builder (a subset of Sequel's datasets)
require 'securerandom'
require_relative 'lib/password'

DB = bindings.DB        # [[d1_databases]]; DB[:notes] is a dataset
FILES = bindings.FILES  # [[r2_buckets]]
ISSUER = 'kiln-example-api'
TOKEN_TTL = 3600

register Kiln::JWTAuth  # jwt_secret: ENV['JWT_SECRET'] (.dev.vars / wrangler secret)
set :jwt_verify, { iss: ISSUER }

helpers do
  # The request's JSON object (or form fields): 400 when the JSON is broken.
  def input
    @input ||= if request.media_type == 'application/json'
                 body = JSON.parse(request.body.read)
                 halt 400, json(error: 'the body must be a JSON object') unless body.is_a?(Hash)
                 body
               else
                 params
               end
  rescue JSON::ParserError => e
    halt 400, json(error: "invalid JSON: #{e.message}")
  end

  def invalid!(errors)
    halt 422, json(error: 'validation failed', errors: errors)
  end

  def user_id
    authenticate!['sub'].to_i
  end

  def iterations
    ENV.fetch('PBKDF2_ITERATIONS', '20000').to_i
  end

  def notes
    DB[:notes].where(user_id: user_id)
  end

  def uploads
    DB[:uploads].where(user_id: user_id)
  end

  def find!(dataset)
    dataset[id: params[:id].to_i] or halt 404, json(error: 'not found')
  end

  def note_json(note)
    { id: note[:id], title: note[:title], body: note[:body], created_at: note[:created_at] }
  end

  def upload_json(upload)
    { id: upload[:id], filename: upload[:filename], content_type: upload[:content_type],
      size: upload[:size], created_at: upload[:created_at] }
  end
end

before do
  content_type :json
end

post '/signup' do
  email = input['email'].to_s.strip.downcase
  password = input['password'].to_s
  errors = {}
  errors[:email] = 'is not an email address' unless email =~ /\A[^@\s]+@[^@\s]+\.[^@\s]+\z/
  errors[:password] = 'must be at least 8 characters' if password.length < 8
  invalid!(errors) unless errors.empty?
  halt 409, json(error: 'email already registered') if DB[:users].where(email: email).count > 0

  id = DB[:users].insert(email: email, password_digest: Password.create(password, iterations: iterations))
  status 201
  headers 'Location' => url('/me')
  json id: id, email: email
end

post '/login' do
  user = DB[:users].first(email: input['email'].to_s.strip.downcase)
  # Hash even for an unknown email, so the answer takes as long either way.
  ok = Password.verify(input['password'].to_s, user ? user[:password_digest] : Password.decoy(iterations))
  halt 401, json(error: 'wrong email or password') unless user && ok
  json token: jwt_encode({ sub: user[:id].to_s, iss: ISSUER }, exp_in: TOKEN_TTL), expires_in: TOKEN_TTL
end

get '/me' do
  user = DB[:users].select(:id, :email, :created_at).first(id: user_id) or halt 401, json(error: 'user no longer exists')
  json user
end

get '/notes' do
  ds = notes.order(Sequel.desc(:id))
  ds = ds.where(Sequel.like(:title, "%#{params[:q]}%")) if params[:q] && !params[:q].empty?
  json ds.all.map { |n| note_json(n) }
end

post '/notes' do
  title = input['title'].to_s.strip
  invalid!(title: 'is required') if title.empty?
  invalid!(title: 'is longer than 200 characters') if title.length > 200
  id = DB[:notes].insert(user_id: user_id, title: title, body: input['body'].to_s)
  status 201
  headers 'Location' => url("/notes/#{id}")
  json note_json(notes[id: id])
end

get '/notes/:id' do
  json note_json(find!(notes))
end

delete '/notes/:id' do
  find!(notes)
  notes.where(id: params[:id].to_i).delete
  status 204
  ''
end

post '/files' do
  file = params['file']
  invalid!(file: 'is required (a multipart/form-data file field named "file")') unless file.is_a?(Hash)
  data = file[:tempfile].read
  max = ENV.fetch('MAX_UPLOAD_BYTES', '5000000').to_i
  halt 413, json(error: "file is larger than #{max} bytes") if data.bytesize > max
  key = "users/#{user_id}/#{SecureRandom.uuid}"
  type = file[:type] || 'application/octet-stream'
  FILES.put(key, data, http_metadata: { contentType: type }, custom_metadata: { 'filename' => file[:filename] })
  id = DB[:uploads].insert(user_id: user_id, key: key, filename: file[:filename], content_type: type, size: data.bytesize)
  status 201
  headers 'Location' => url("/files/#{id}")
  json upload_json(uploads[id: id])
end

get '/files' do
  json uploads.order(Sequel.desc(:id)).all.map { |u| upload_json(u) }
end

get '/files/:id' do
  upload = find!(uploads)
  object = FILES.get(upload[:key]) or halt 404, json(error: 'file missing from storage')
  content_type upload[:content_type]
  attachment upload[:filename]
  object.body
end

delete '/files/:id' do
  upload = find!(uploads)
  FILES.delete(upload[:key])
  uploads.where(id: upload[:id]).delete
  status 204
  ''
end

# New notes as Server-Sent Events: every note after ?after=ID (or the
# Last-Event-ID an EventSource sends when it reconnects), checking D1 once a
# second, ?polls=N times (at most 30), then an "end" event. EventSource
# reconnects by itself, so a client follows the feed indefinitely.
get '/events' do
  uid = user_id
  last_id = (request.env['HTTP_LAST_EVENT_ID'] || params[:after]).to_i
  polls = [[params.fetch('polls', '10').to_i, 1].max, 30].min
  sse do |out|
    out.event({ user_id: uid, after: last_id }, event: 'ready')
    polls.times do |i|
      sleep 1 if i > 0
      DB[:notes].where(user_id: uid).where('id > ?', last_id).order(:id).each do |note|
        out.event(note_json(note), event: 'note', id: note[:id].to_s)
        last_id = note[:id]
      end
    end
    out.event({ last_id: last_id }, event: 'end')
  end
end

not_found do
  json error: "not found: #{request.request_method} #{request.path_info}"
end
