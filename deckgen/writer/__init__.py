"""The only place python-pptx is used: placed shapes in, a .pptx file out."""
