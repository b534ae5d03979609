// Module GongMock: see DESIGN.md for its place in the layers.
