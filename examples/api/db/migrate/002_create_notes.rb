Kiln.migration do
  change do
    create_table(:notes) do
      primary_key :id
      foreign_key :user_id, :users, null: false, on_delete: :cascade
      String :title, null: false
      String :body, text: true
      DateTime :created_at, default: Sequel::CURRENT_TIMESTAMP
      index :user_id
    end
  end
end
