// Each fixture boots a whole platform (broker, Durable sidecar, runner training on CPU); on a small machine they take turns.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
