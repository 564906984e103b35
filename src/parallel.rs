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
}
