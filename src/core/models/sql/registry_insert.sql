INSERT INTO model_registry (name, version, algorithm, label, classes, positive_class, features, training_window, metrics, reference_accuracy, training_seconds, artefact, settings)
SELECT $name, coalesce(max(version), 0) + 1, $algorithm, $label, $classes, $positive_class, $features, $training_window, $metrics, $reference_accuracy, $training_seconds, $artefact, $settings
FROM model_registry
WHERE name = $name
RETURNING version, CAST(created_at AS VARCHAR) AS created_at
