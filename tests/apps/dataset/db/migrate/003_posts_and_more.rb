Kiln.migration do
  change do
    create_table(:posts) do
      primary_key :id
      foreign_key :user_id, :users, null: false
      String :title, size: 100, null: false
      String :body, text: true
      Float :score, default: 0.5
      check Sequel[:score] >= 0
    end
    add_index :posts, [:user_id, :title], unique: true
    alter_table(:users) do
      add_column :email, String
      rename_column :email, :mail
    end
    add_column :orgs, :plan, String, default: "free 'tier'"
    run "INSERT INTO orgs (name) VALUES ('seed org')"
  end
end
