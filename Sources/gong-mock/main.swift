print("gong-mock: under construction")
