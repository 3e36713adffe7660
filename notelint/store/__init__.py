"""What notelint keeps on disk: atomic writes, content keys, the codec, result cache, replay."""
