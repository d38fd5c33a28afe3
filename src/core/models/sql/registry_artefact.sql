SELECT artefact FROM model_registry WHERE name = $name AND version = $version
