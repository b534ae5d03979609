// Module CryptoPrimitives: see DESIGN.md for its place in the layers.
