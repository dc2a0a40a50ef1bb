print("eligo")
