Kiln.migration do
  change do
    create_table(:uploads) do
      primary_key :id
      foreign_key :user_id, :users, null: false, on_delete: :cascade
      String :key, null: false, unique: true   # the R2 object key
      String :filename, null: false
      String :content_type
      Integer :size, null: false
      DateTime :created_at, default: Sequel::CURRENT_TIMESTAMP
      index :user_id
    end
  end
end
