//! Sharing a slice's work between two threads, where the machine has the
//! cores for it: the libraries rxdoc serves are read on small machines,
//! where a second core is the only spare speed there is.

/// Whether a second thread can run beside this one.
pub fn two_cores() -> bool {
    std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}

/// `work` over `items`, in order: with `share`, the first half on this
/// thread and the second on a helper.
pub fn in_halves<T: Sync, R: Send>(
    items: &[T],
    share: bool,
    work: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    if !share || items.len() < 2 {
        return work(items);
    }
    let (first, second) = items.split_at(items.len() / 2);
    std::thread::scope(|scope| {
        let helper = scope.spawn(|| work(second));
        let mut done = work(first);
        match helper.join() {
            Ok(rest) => done.extend(rest),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        done
    })
}

/// Runs `produce` beside `consume`, keeping the order of what it makes:
/// with `share`, on a helper thread, each item handed over as it is made
/// (at most `ahead` of them waiting, so memory stays bounded); without,
/// on this thread, each item consumed as soon as it is made. Returns what
/// `produce` returns.
pub fn pipeline<T: Send, P: Send>(
    share: bool,
    ahead: usize,
    produce: impl FnOnce(&mut dyn FnMut(T)) -> P + Send,
    mut consume: impl FnMut(T),
) -> P {
    if !share {
        return produce(&mut consume);
    }
    std::thread::scope(|scope| {
        let (to, from) = std::sync::mpsc::sync_channel(ahead);
        let helper = scope.spawn(move || {
            // A send fails only once this thread has stopped taking items
            // (it panicked): the panic is what the caller sees.
            produce(&mut |item| drop(to.send(item)))
        });
        from.iter().for_each(&mut consume);
        helper
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_keep_the_order_of_one_pass() {
        let items: Vec<u32> = (0..101).collect();
        let double = |items: &[u32]| items.iter().map(|i| i * 2).collect::<Vec<_>>();
        assert_eq!(
            in_halves(&items, true, double),
            in_halves(&items, false, double)
        );
        assert_eq!(in_halves(&items[..1], true, double), [0]);
        assert!(in_halves(&[], true, double).is_empty());
    }

    #[test]
    fn a_pipeline_hands_on_everything_in_order_on_one_thread_or_two() {
        for share in [false, true] {
            let mut seen = Vec::new();
            let made = pipeline(
                share,
                2,
                |hand_on| {
                    (0..1000u32).for_each(|i| hand_on(i * 3));
                    1000
                },
                |item| seen.push(item),
            );
            assert_eq!(made, 1000);
            assert_eq!(
                seen,
                (0..1000).map(|i| i * 3).collect::<Vec<_>>(),
                "{share}"
            );
        }
    }
}
