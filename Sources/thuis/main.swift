print("thuis")
