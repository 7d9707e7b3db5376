# compat: readme/routes_verbs  (source: sinatra test/readme_test.rb "Routes: one route per verb")
#
# request: GET /
# expect-status: 200
# expect-body: .. show something ..
#
# request: POST /
# expect-status: 200
# expect-body: .. create something ..
#
# request: PUT /
# expect-status: 200
# expect-body: .. replace something ..
#
# request: PATCH /
# expect-status: 200
# expect-body: .. modify something ..
#
# request: DELETE /
# expect-status: 200
# expect-body: .. annihilate something ..
#
# request: OPTIONS /
# expect-status: 200
# expect-body: .. appease something ..
#
# request: LINK /
# expect-status: 200
# expect-body: .. affiliate something ..
#
# request: UNLINK /
# expect-status: 200
# expect-body: .. separate something ..
get('/') { '.. show something ..' }
post('/') { '.. create something ..' }
put('/') { '.. replace something ..' }
patch('/') { '.. modify something ..' }
delete('/') { '.. annihilate something ..' }
options('/') { '.. appease something ..' }
link('/') { '.. affiliate something ..' }
unlink('/') { '.. separate something ..' }
