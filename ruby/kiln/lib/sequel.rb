# `require 'sequel'`: Kiln's subset of Sequel, datasets on a D1 binding
# (DB[:users].where(...)) and Sequel.desc/lit/function... expressions.
require 'kiln/dataset'
