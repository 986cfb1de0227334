// Every test starts its own cluster of several silos; two at a time is what two cores shared with other builds can carry.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
