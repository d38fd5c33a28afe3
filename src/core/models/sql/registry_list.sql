SELECT name, version, algorithm, label, classes, positive_class, features, training_window, metrics, reference_accuracy, training_seconds, CAST(created_at AS VARCHAR) AS created_at, settings
FROM model_registry
ORDER BY name, version DESC
